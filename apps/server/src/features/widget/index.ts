export { widgetRoutes, WIDGET_COOKIE, type WidgetRouteDeps } from './widget.routes.ts';
export { widgetSessionCheck } from './widget-session-check.ts';
