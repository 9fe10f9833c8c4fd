// The bell: features ring it with `notify` inside their own transaction.
export { notify, type NotificationKind } from './notifications.service.ts';
