import type { Me } from '@parley/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { closeChat, runChatAction } from '../api.ts';
import type { ChatAction, WrapUp } from '../api.ts';
import { storeChat } from '../chatCache.ts';

/**
 * Accept, pending, resume, flag, unflag, reopen. Never optimistic: the server may refuse, so
 * the chat changes when it answers and the refusal is shown.
 */
export function useChatAction(chatId: string, me: Me) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ChatAction) => runChatAction(chatId, action),
    onSuccess: (chat) => storeChat(queryClient, chat, me),
  });
}

export function useCloseChat(chatId: string, me: Me) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (wrapUp: WrapUp) => closeChat(chatId, wrapUp),
    onSuccess: (chat) => storeChat(queryClient, chat, me),
  });
}
