export { widgetSessionCheck } from './widget-session-check.ts';
export { announceWidgetChat, widgetChatHook } from './widget-state.service.ts';
