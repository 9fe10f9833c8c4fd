import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Emit } from '../../realtime/events.ts';
import { rooms } from '../../realtime/rooms.ts';

/**
 * A chat closed: everything its comments said goes for good, in the closing transaction, on every
 * close path (staff close, the customer's end, any system close). That is the comments and tags,
 * and the kept `comment.created` frames, which a later resume would otherwise replay to anyone
 * allowed into the closed chat's room (closed chats are shared history). Bell items and their
 * frames name who tagged whom, never the text, so they stay. The "tagged" events stay too.
 */
export async function purgeChatComments(tx: Db, emit: Emit, chatId: string) {
  // A comment and its frame are written in one transaction, so they share its now(): frames
  // older than the chat's first comment cannot be comment frames, and the created_at index
  // keeps this from reading the whole realtime record.
  await tx.execute(sql`
    delete from realtime_events
     where type = 'comment.created'
       and created_at >= (select min(created_at) from comments where chat_id = ${chatId})
       and data->>'chatId' = ${chatId}`);
  await tx.execute(sql`delete from comments where chat_id = ${chatId}`);
  await tx.execute(sql`delete from chat_tags where chat_id = ${chatId}`);
  await emit({ type: 'comments.cleared', rooms: [rooms.chat(chatId)], data: { chatId } });
}
