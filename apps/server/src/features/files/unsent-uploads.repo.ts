import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

/**
 * Removes uploads never sent in a message that are older than `olderThanMs`, at most `limit` at
 * a time, and returns, for each, the store keys its bytes were under. An upload being sent at the same
 * moment is either attached (and kept) or gone: the row-level delete decides.
 */
export async function deleteUnsentUploads(
  db: Db,
  olderThanMs: number,
  limit: number,
): Promise<string[][]> {
  const rows = await queryRows<{ storage_key: string | null; thumbnail_key: string | null }>(
    db,
    sql`delete from attachments where id in (
          select id from attachments
          where message_id is null and created_at < now() - ${olderThanMs} * interval '1 millisecond'
          order by created_at
          limit ${limit}
          for update skip locked)
        returning storage_key, thumbnail_key`,
  );
  return rows.map((row) => [row.storage_key, row.thumbnail_key].filter((key) => key !== null));
}
