export { widgetSessionCheck } from './widget-session-check.ts';
export { announceWidgetChat, widgetChatHook } from './widget-state.service.ts';
export { widgetMayType } from './widget-typing.ts';
