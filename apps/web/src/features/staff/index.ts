export { fetchStaff, presenceLabels, presenceState, staffQueryKey } from './api.ts';
export type { PresenceState } from './api.ts';
export { TeamList } from './components/TeamList.tsx';
export { useStaffPresenceSync } from './hooks/useStaffPresenceSync.ts';
