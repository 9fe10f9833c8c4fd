// Departments: who answers which channels. Admins manage them from the Admin area.
export { findOpenDepartment } from './departments.repo.ts';
