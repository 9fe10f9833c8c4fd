import type { Db } from '../../db/client.ts';
import * as repo from './widget.repo.ts';

/**
 * Whether a widget session may say its visitor is typing in this chat: only in the session's own
 * open chat (the one its socket hears), never in another customer's or a closed one.
 */
export async function widgetMayType(db: Db, sessionId: string, chatId: string): Promise<boolean> {
  const session = await repo.findWidgetSessionById(db, sessionId);
  if (!session) return false;
  const open = await repo.findOpenChat(db, session);
  return open?.id === chatId;
}
