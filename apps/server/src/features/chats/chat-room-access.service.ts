import type { Db } from '../../db/client.ts';
import type { Hub } from '../../realtime/hub.ts';
import { roomPrefix, rooms } from '../../realtime/rooms.ts';
import { canViewChatWithTags } from './chat-access.service.ts';
import { findChatRow } from './chats.repo.ts';

/**
 * Teaches the hub who may be in a chat's room: whoever may see the chat (chat-access.service.ts),
 * asked when a socket joins, on every replay, and again for the room's members when a
 * `chat.updated` frame changes who that is.
 */
export function registerChatAccess(
  hub: Pick<Hub, 'registerRoom' | 'registerAccessChange'>,
  db: Db,
): void {
  hub.registerRoom(roomPrefix.chat, async (principal, id) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
    const chat = await findChatRow(db, id);
    return chat !== undefined && (await canViewChatWithTags(db, principal, chat));
  });
  // Access to a chat changes only with its agent or status; most updates are new messages.
  hub.registerAccessChange('chat.updated', (data) => {
    const chat = data as { id?: unknown; status?: unknown; assignee?: { id?: unknown } | null };
    if (typeof chat.id !== 'string') return undefined;
    return {
      room: rooms.chat(chat.id),
      key: `${String(chat.assignee?.id ?? '')}|${String(chat.status)}`,
    };
  });
}
