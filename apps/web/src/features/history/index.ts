export { HistoryTab } from './components/HistoryTab.tsx';
