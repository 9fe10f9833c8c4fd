import type { Message, UploadedAttachment } from '@parley/contract';
import { useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import type { Mutation } from '@tanstack/react-query';
import { conversationKeys, sendMessage } from '../api.ts';
import type { ConversationSource, OutgoingMessage } from '../api.ts';
import { messageItem, storeTimelineItem } from '../timelineCache.ts';

/** A message shown before the server has it: on its way, or refused with the reason. */
export type PendingMessage = {
  clientId: string;
  text: string;
  files: UploadedAttachment[];
  state: 'sending' | 'failed';
  error: unknown;
  submittedAt: number;
  mutation: Mutation<Message, Error, OutgoingMessage>;
};

/**
 * Sending is optimistic: each send is a mutation whose text shows at once (see
 * usePendingMessages) until the server's message, matched by clientId, takes its place.
 */
export function useSendMessage(chatId: string, source: ConversationSource = 'chats') {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationKey: conversationKeys.send(chatId),
    mutationFn: (body: OutgoingMessage) => sendMessage(chatId, body, source),
    onSuccess: (message) => storeTimelineItem(queryClient, chatId, messageItem(message)),
    // A failed message stays until it is retried or discarded.
    gcTime: Infinity,
  });

  return {
    send(text: string, attachments: UploadedAttachment[] = []) {
      mutation.mutate({ text, attachments, clientId: crypto.randomUUID() });
    },
    /** The same clientId again: if the first attempt did land, the server answers that one. */
    retry(pending: PendingMessage) {
      queryClient.getMutationCache().remove(pending.mutation);
      mutation.mutate({
        text: pending.text,
        attachments: pending.files,
        clientId: pending.clientId,
      });
    },
    discard(pending: PendingMessage) {
      queryClient.getMutationCache().remove(pending.mutation);
    },
  };
}

/** Sends of this chat that the server has not answered with success, oldest first. */
export function usePendingMessages(chatId: string): PendingMessage[] {
  return useMutationState({
    filters: {
      mutationKey: conversationKeys.send(chatId),
      predicate: (mutation) =>
        mutation.state.status === 'pending' || mutation.state.status === 'error',
    },
    select: (sending) => {
      const mutation = sending as Mutation<Message, Error, OutgoingMessage>;
      const body = mutation.state.variables!;
      return {
        clientId: body.clientId,
        text: body.text,
        files: body.attachments ?? [],
        state: mutation.state.status === 'error' ? 'failed' : 'sending',
        error: mutation.state.error,
        submittedAt: mutation.state.submittedAt,
        mutation,
      } satisfies PendingMessage;
    },
  });
}
