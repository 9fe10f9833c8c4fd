export { listCustomerTimeline, listHistory, type HistoryDeps } from './history.service.ts';
