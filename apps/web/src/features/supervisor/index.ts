export { SupervisorChatsPane } from './components/SupervisorChatsPane.tsx';
export { SupervisorDeskPage } from './components/SupervisorDeskPage.tsx';
export { ObservingBanner } from './components/ObservingBanner.tsx';
export { useMonitorSession } from './hooks/useMonitorSession.ts';
export { AssignDialog } from './components/AssignDialog.tsx';
