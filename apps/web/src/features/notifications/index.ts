export { DeskNotices } from './components/DeskNotices.tsx';
export { NotificationBell } from './components/NotificationBell.tsx';
