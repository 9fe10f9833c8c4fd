import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

/**
 * Records that the staff member has read the chat now. A read time only moves forward: a
 * late-arriving read from another tab never brings markers back.
 */
export async function upsertChatRead(db: Db, chatId: string, staffId: string): Promise<Date> {
  const [row] = await queryRows<{ read_at: Date | string }>(
    db,
    sql`insert into chat_reads (chat_id, staff_id, read_at) values (${chatId}, ${staffId}, now())
        on conflict (chat_id, staff_id)
        do update set read_at = greatest(chat_reads.read_at, excluded.read_at)
        returning read_at`,
  );
  return new Date(row!.read_at);
}

/**
 * When the staff member last read each chat that can carry a marker for them: open chats of
 * theirs, chats waiting in their departments' queue, open chats they are tagged in. Latest first.
 */
export async function findChatReads(
  db: Db,
  viewer: { staffId: string; departmentIds: string[] },
  limit: number,
): Promise<{ chatId: string; readAt: Date }[]> {
  const departments = viewer.departmentIds.length
    ? sql`(c.status = 'queued' and c.department_id in (${sql.join(
        viewer.departmentIds.map((id) => sql`${id}`),
        sql`, `,
      )}))`
    : sql`false`;
  const rows = await queryRows<{ chat_id: string; read_at: Date | string }>(
    db,
    sql`select r.chat_id, r.read_at
        from chat_reads r join chats c on c.id = r.chat_id
        where r.staff_id = ${viewer.staffId}
          and c.status <> 'closed'
          and (c.assignee_id = ${viewer.staffId}
               or ${departments}
               or exists (select 1 from chat_tags t
                          where t.chat_id = c.id and t.staff_id = ${viewer.staffId}))
        order by r.read_at desc
        limit ${limit}`,
  );
  return rows.map((row) => ({ chatId: row.chat_id, readAt: new Date(row.read_at) }));
}
