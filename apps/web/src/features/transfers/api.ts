import { Chat, Transfer, TransferInbox, TransferTargets } from '@parley/contract';
import type { RejectTransferBody, TransferBody } from '@parley/contract';
import { http, httpNoContent } from '../../app/http.ts';

export const transferKeys = {
  inbox: ['transfers', 'inbox'] as const,
  targets: (chatId: string) => ['transfers', 'targets', chatId] as const,
};

/** Offers waiting on me, and my own offers still open or answered but not yet acknowledged. */
export function fetchTransferInbox(signal?: AbortSignal): Promise<TransferInbox> {
  return http('/api/transfers', { parse: TransferInbox, signal });
}

/** Where the chat can go now: departments with how many can take it, and agents with room. */
export function fetchTransferTargets(chatId: string, signal?: AbortSignal) {
  return http(`/api/chats/${encodeURIComponent(chatId)}/transfer-targets`, {
    parse: TransferTargets,
    signal,
  });
}

/** Offers the chat; the answer is the chat, now transferring. */
export function offerTransfer(chatId: string, body: TransferBody): Promise<Chat> {
  return http(`/api/chats/${encodeURIComponent(chatId)}/transfer`, {
    method: 'POST',
    body,
    parse: Chat,
  });
}

/** Takes the chat on; the answer is the chat, now mine. */
export function acceptTransfer(id: string): Promise<Chat> {
  return http(`/api/transfers/${encodeURIComponent(id)}/accept`, { method: 'POST', parse: Chat });
}

export function rejectTransfer(id: string, body: RejectTransferBody): Promise<Transfer> {
  return http(`/api/transfers/${encodeURIComponent(id)}/reject`, {
    method: 'POST',
    body,
    parse: Transfer,
  });
}

/** The sender has read that the offer was rejected or returned: it leaves their list. */
export function acknowledgeTransfer(id: string): Promise<void> {
  return httpNoContent(`/api/transfers/${encodeURIComponent(id)}/acknowledge`, {
    method: 'POST',
  });
}
