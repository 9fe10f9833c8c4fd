import type { AttachmentLimits, UploadedAttachment } from '@parley/contract';
import { requireStaff, type Principal } from '../../principal.ts';
import { assertChatWriter, type ChatDeps } from '../chats/index.ts';
import { assertTicketWriter } from '../tickets/index.ts';
import { readAttachmentLimits } from './limits.ts';
import { type IncomingFile, storeUpload, type UploadDeps } from './store-upload.service.ts';

export type ConversationUploadDeps = ChatDeps & UploadDeps;

/** Reads the request's file once the limit is known; the service never sees the request. */
export type ReadFile = (maxBytes: number) => Promise<IncomingFile>;

/** The limits staff attach within (any signed-in member of staff may read them). */
export async function getAttachmentLimits(
  deps: Pick<UploadDeps, 'db'>,
  principal: Principal,
): Promise<AttachmentLimits> {
  requireStaff(principal);
  return readAttachmentLimits(deps.db);
}

/**
 * A file for a reply in a chat or ticket, uploaded by someone who may write to the customer there
 * now (the rule a reply checks: its own agent or assignee): it waits, unsent, for the message that
 * carries it. Access is checked before a byte is read.
 */
export async function uploadToConversation(
  deps: ConversationUploadDeps,
  principal: Principal,
  conversation: { kind: 'chat' | 'ticket'; id: string },
  read: ReadFile,
): Promise<UploadedAttachment> {
  const me = requireStaff(principal);
  if (conversation.kind === 'chat') await assertChatWriter(deps, principal, conversation.id);
  else await assertTicketWriter(deps.db, principal, conversation.id);
  const limits = await readAttachmentLimits(deps.db);
  const file = await read(limits.maxBytes);
  return storeUpload(deps, file, { chatId: conversation.id, by: { staffId: me.staffId } });
}
