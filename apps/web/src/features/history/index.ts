export { HistoryTab } from './components/HistoryTab.tsx';
export { historyKeys } from './api.ts';
