export { historyRoutes } from './history.routes.ts';
export { listCustomerTimeline, listHistory, type HistoryDeps } from './history.service.ts';
