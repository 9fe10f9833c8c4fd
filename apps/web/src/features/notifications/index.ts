export { DeskNotices } from './components/DeskNotices.tsx';
export { NotificationBell } from './components/NotificationBell.tsx';
export { notificationHref, notificationSentence } from './notificationText.ts';
