import type { Db } from '../../db/client.ts';
import type { WidgetSessionCheck } from '../../realtime/credential-sweep.ts';
import { findLiveWidgetSessionIds } from './widget.repo.ts';
import { WIDGET_IDLE_MS } from './widget.service.ts';

/**
 * Which widget sessions still live, by the rule every widget request applies: the row exists and
 * was used within the idle limit. Housekeeping deletes idle sessions without telling anyone, so the
 * hub asks this periodically and closes the sockets of the ones that are gone.
 */
export function widgetSessionCheck(db: Db): WidgetSessionCheck {
  return async (ids) => new Set(await findLiveWidgetSessionIds(db, ids, WIDGET_IDLE_MS));
}
