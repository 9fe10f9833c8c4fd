import type { Db } from '../../db/client.ts';
import { isSupervisor, type Principal } from '../../principal.ts';
import type { FrameRule } from '../../realtime/replay-access.ts';
import { type ChatRow, findChatRow, isTagged } from '../chats/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Comments are for the chat's agent, colleagues tagged into it and supervisors, while it is open. */
export async function mayReadComments(
  db: Db,
  principal: Principal,
  chat: ChatRow,
): Promise<boolean> {
  if (chat.status === 'closed' || principal.kind !== 'staff') return false;
  return (
    isSupervisor(principal) ||
    chat.assigneeId === principal.staffId ||
    (await isTagged(db, chat.id, principal.staffId))
  );
}

/**
 * A comment frame reaches a socket only if its reader may read that chat's comments at that
 * moment: being allowed into the chat's room (a department's agent watching a queued chat, anyone
 * once it is closed) is not enough. The hub asks this live and again for every replayed frame.
 */
export function commentFrameRule(db: Db): FrameRule {
  return {
    scope: (data) => {
      const chatId = (data as { chatId?: unknown } | null)?.chatId;
      return typeof chatId === 'string' && UUID.test(chatId) ? chatId : undefined;
    },
    async allows(principal, chatId) {
      const chat = await findChatRow(db, chatId);
      return chat !== undefined && (await mayReadComments(db, principal, chat));
    },
  };
}
