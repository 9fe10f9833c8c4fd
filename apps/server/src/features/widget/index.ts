export { widgetSessionCheck } from './widget-session-check.ts';
