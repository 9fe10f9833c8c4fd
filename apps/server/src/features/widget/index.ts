export { widgetRoutes, WIDGET_COOKIE, type WidgetRouteDeps } from './widget.routes.ts';
