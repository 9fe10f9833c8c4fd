import type {
  Chat,
  CustomerSummary,
  Me,
  RejectTransferBody,
  Transfer,
  TransferBody,
  TransferInbox,
} from '@parley/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { storeChat } from '../../chats/index.ts';
import {
  acceptTransfer,
  acknowledgeTransfer,
  fetchTransferInbox,
  fetchTransferTargets,
  offerTransfer,
  rejectTransfer,
  transferKeys,
} from '../api.ts';
import { applyTransfer, isNewOffer } from '../transferInbox.ts';

/**
 * My transfer inbox, kept live from `transfer.updated` frames. `onNewOffer` runs when a frame
 * brings an offer to me that was not there yet (never for what the first load finds).
 */
export function useTransferInbox(me: Me, onNewOffer?: (offer: Transfer) => void) {
  const queryClient = useQueryClient();
  const key = transferKeys.inbox;

  useRealtimeFrame('transfer.updated', (transfer) => {
    const inbox = queryClient.getQueryData<TransferInbox>(key);
    const isNew = isNewOffer(inbox, transfer, me);
    if (inbox === undefined) {
      void queryClient.invalidateQueries({ queryKey: key });
    } else {
      queryClient.setQueryData<TransferInbox>(key, applyTransfer(inbox, transfer, me));
      // Frames carry no preview: the inbox brings the offer's last messages.
      if (isNew && !transfer.preview) void queryClient.invalidateQueries({ queryKey: key });
    }
    if (isNew) onNewOffer?.(transfer);
  });
  // Anything that changed before the socket was up is read again.
  useRealtimeFrame('hello', () => void queryClient.invalidateQueries({ queryKey: key }));

  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchTransferInbox(signal),
    staleTime: Infinity,
  });
}

/** Where this chat can go now; read fresh each time the dialog opens. */
export function useTransferTargets(chatId: string) {
  return useQuery({
    queryKey: transferKeys.targets(chatId),
    queryFn: ({ signal }) => fetchTransferTargets(chatId, signal),
    staleTime: 0,
    gcTime: 0,
  });
}

/** Sends the offer; the chat comes back transferring. */
export function useOfferTransfer(chatId: string, me: Me) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransferBody) => offerTransfer(chatId, body),
    onSuccess: (chat) => {
      storeChat(queryClient, chat, me);
      void queryClient.invalidateQueries({ queryKey: transferKeys.inbox });
    },
  });
}

/** An answered or acknowledged offer leaves my inbox at once; the frame that follows agrees. */
function dropFromInbox(queryClient: QueryClient, id: string) {
  queryClient.setQueryData<TransferInbox>(transferKeys.inbox, (inbox) =>
    inbox
      ? {
          incoming: inbox.incoming.filter((item) => item.id !== id),
          outgoing: inbox.outgoing.filter((item) => item.id !== id),
        }
      : inbox,
  );
}

/**
 * Takes the chat on: it is mine when the server answers, and `onAccepted` opens it. It runs here
 * rather than per call: the card that asked is gone by then (a frame or the answer removed it).
 */
export function useAcceptTransfer(me: Me, onAccepted: (chat: Chat) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => acceptTransfer(id),
    onSuccess: (chat, id) => {
      storeChat(queryClient, chat, me);
      onAccepted(chat);
      dropFromInbox(queryClient, id);
    },
  });
}

/** Says no, with the receiver's reason if they gave one. */
export function useRejectTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: RejectTransferBody & { id: string }) => rejectTransfer(id, body),
    onSuccess: (_transfer, { id }) => dropFromInbox(queryClient, id),
  });
}

/** The sender has read the outcome of their offer. */
export function useAcknowledgeTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => acknowledgeTransfer(id),
    onSuccess: (_result, id) => dropFromInbox(queryClient, id),
  });
}

/** The customer of an open offer to me for this chat, from the inbox's preview, if loaded. */
export function offeredCustomer(queryClient: QueryClient, chatId: string): CustomerSummary | null {
  const inbox = queryClient.getQueryData<TransferInbox>(transferKeys.inbox);
  return inbox?.incoming.find((item) => item.chatId === chatId)?.preview?.customer ?? null;
}
