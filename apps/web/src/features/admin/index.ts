import { lazy } from 'react';

export { adminPageLinksFor, canOpenAdmin } from './adminAccess.ts';
export type { AdminPageLink } from './adminAccess.ts';
export type { AdminPage, AdminPageProps } from './adminPage.ts';

/** The Admin area's code loads the first time it is opened: an agent's day never needs it. */
export const AdminArea = lazy(() =>
  import('./components/AdminArea.tsx').then((module) => ({ default: module.AdminArea })),
);
