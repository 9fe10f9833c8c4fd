import { TYPING_HOLD_MS } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import type { EphemeralFrame, TypingAuthorizer } from '../../realtime/hub.ts';
import { rooms, widgetRoomOf } from '../../realtime/rooms.ts';
import { findChatRow } from '../chats/index.ts';
import { mayReadComments } from '../comments/index.ts';
import { widgetMayType } from '../widget/index.ts';
import { findStaffName } from './typing.repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What "I am typing" becomes, checked exactly as writing there is:
 * - the chat's agent typing a reply: to the chat's room (name and id) and to the customer's
 *   widget (the widget socket keeps the first name only). Anyone else (a supervisor watching, a
 *   colleague tagged in) is not writing to the customer, so nothing is sent;
 * - staff typing a comment: to the chat's room, delivered only to those who may read its comments
 *   (the rule registered for `comment.created`), never to a widget;
 * - the visitor typing in their own open chat: to the chat's room.
 * Nothing here is stored; the frames live for TYPING_HOLD_MS unless sent again.
 */
export function typingAuthorizer(db: Db): TypingAuthorizer {
  return async (sender, chatId, comment) => {
    if (!UUID.test(chatId)) return [];
    const until = new Date(Date.now() + TYPING_HOLD_MS).toISOString();
    if (!sender.principal) {
      if (comment || !sender.widgetSessionId) return [];
      if (!(await widgetMayType(db, sender.widgetSessionId, chatId))) return [];
      return [
        {
          type: 'typing',
          data: { chatId, who: { kind: 'customer' }, comment: false, until },
          rooms: [rooms.chat(chatId)],
        },
      ];
    }
    const principal = sender.principal;
    const chat = await findChatRow(db, chatId);
    if (!chat || chat.status === 'closed') return [];
    const name = await findStaffName(db, principal.staffId);
    const who = { kind: 'staff' as const, id: principal.staffId, ...(name ? { name } : {}) };
    if (comment) {
      if (!(await mayReadComments(db, principal, chat))) return [];
      const frame: EphemeralFrame = {
        type: 'typing',
        data: { chatId, who, comment: true, until },
        rooms: [rooms.chat(chatId)],
        ruleOf: 'comment.created',
      };
      return [frame];
    }
    if (chat.assigneeId !== principal.staffId) return [];
    return [
      {
        type: 'typing',
        data: { chatId, who, comment: false, until },
        rooms: [rooms.chat(chatId), widgetRoomOf(chat)],
      },
    ];
  };
}
