export { adminPages, adminPagesFor, canOpenAdmin } from './adminPages.ts';
export type { AdminPage, AdminPageProps } from './adminPage.ts';
export { AdminArea } from './components/AdminArea.tsx';
