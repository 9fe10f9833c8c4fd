// Admin settings (timeouts, auto-close, file limits): read by the timers and limits that use them.
export { readSettings } from './settings.service.ts';
