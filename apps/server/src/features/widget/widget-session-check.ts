import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { WidgetSessionCheck } from '../../realtime/credential-sweep.ts';
import { WIDGET_IDLE_MS } from './widget.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which widget sessions still live, by the rule every widget request applies: the row exists and
 * was used within the idle limit. Housekeeping deletes idle sessions without telling anyone, so the
 * hub asks this periodically and closes the sockets of the ones that are gone.
 */
export function widgetSessionCheck(db: Db): WidgetSessionCheck {
  return async (ids) => {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select id::text as id from widget_sessions
           where id = any(${sql.param(ids.filter((id) => UUID.test(id)))}::uuid[])
             and last_seen_at > now() - ${`${WIDGET_IDLE_MS} milliseconds`}::interval`,
    );
    return new Set(rows.map((r) => r.id));
  };
}
