// Business hours: when each department answers live (tickets and auto-replies ask).
export { departmentOpenAt, type DepartmentOpening } from './business-hours.service.ts';
export { describeOpening } from './describe-opening.ts';
