import { lazy } from 'react';

export { SupervisorChatsPane } from './components/SupervisorChatsPane.tsx';
export { ObservingBanner } from './components/ObservingBanner.tsx';
export { useMonitorSession } from './hooks/useMonitorSession.ts';
export { AssignDialog } from './components/AssignDialog.tsx';

/** The Supervisor desk's code loads when a supervisor first opens it. */
export const SupervisorDeskPage = lazy(() =>
  import('./components/SupervisorDeskPage.tsx').then((module) => ({
    default: module.SupervisorDeskPage,
  })),
);
