import { rooms } from '../../realtime/rooms.ts';
import type { ChatClosedHook } from '../chats/index.ts';
import {
  deleteCommentFramesOfChat,
  deleteCommentsOfChat,
  deleteTagsOfChat,
} from './comments.repo.ts';

/**
 * A chat closed: everything its comments said goes for good, in the closing transaction, on every
 * close path (staff close, the customer's end, any system close). The chat announces its close
 * (`onChatClosed`, wired in app.ts) and this feature forgets its own data, so chats never import
 * comments. That is the comments and tags, and the kept `comment.created` frames, which a later
 * resume would otherwise replay to anyone allowed into the closed chat's room (closed chats are
 * shared history). Bell items and their frames name who tagged whom, never the text, so they stay.
 * The "tagged" events stay too.
 */
export const purgeChatComments: ChatClosedHook = async (tx, emit, chatId) => {
  // The frames first: finding them needs the comments' times.
  await deleteCommentFramesOfChat(tx, chatId);
  await deleteCommentsOfChat(tx, chatId);
  await deleteTagsOfChat(tx, chatId);
  await emit({ type: 'comments.cleared', rooms: [rooms.chat(chatId)], data: { chatId } });
};
