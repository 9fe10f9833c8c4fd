import type { WebhookPatchBody, WebhookSubscription } from '@parley/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createWebhook,
  deleteWebhook,
  fetchDeliveries,
  fetchWebhooks,
  redeliver,
  sendTestEvent,
  updateWebhook,
  webhookQueryKeys,
} from '../webhooksApi.ts';

export function useWebhooks() {
  return useQuery({
    queryKey: webhookQueryKeys.list,
    queryFn: ({ signal }) => fetchWebhooks({ signal }),
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhook,
    // The list keeps the webhook without its secret: the secret lives only in the dialog.
    onSuccess: ({ secret: _secret, ...created }) =>
      queryClient.setQueryData<WebhookSubscription[]>(webhookQueryKeys.list, (list = []) => [
        created,
        ...list,
      ]),
  });
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: WebhookPatchBody }) =>
      updateWebhook(id, patch),
    onSuccess: (saved) =>
      queryClient.setQueryData<WebhookSubscription[]>(webhookQueryKeys.list, (list = []) =>
        list.map((webhook) => (webhook.id === saved.id ? saved : webhook)),
      ),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWebhook,
    onSuccess: (_, id) =>
      queryClient.setQueryData<WebhookSubscription[]>(webhookQueryKeys.list, (list = []) =>
        list.filter((webhook) => webhook.id !== id),
      ),
  });
}

/** A webhook's delivery log, newest first, a page at a time; refreshed while anything waits. */
export function useWebhookDeliveries(id: string | null) {
  return useInfiniteQuery({
    queryKey: webhookQueryKeys.deliveries(id ?? ''),
    queryFn: ({ pageParam, signal }) => fetchDeliveries(id!, pageParam, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: id !== null,
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.items.some((d) => d.status === 'pending'))
        ? 5000
        : false,
  });
}

/** Redeliver and "send test event" both queue a delivery: the log and the list then refresh. */
function useQueueDelivery<T>(send: (arg: T) => Promise<unknown>, webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: webhookQueryKeys.deliveries(webhookId) });
      void queryClient.invalidateQueries({ queryKey: webhookQueryKeys.list, exact: true });
    },
  });
}

export const useRedeliver = (webhookId: string) =>
  useQueueDelivery((deliveryId: string) => redeliver(webhookId, deliveryId), webhookId);

export const useSendTestEvent = (webhookId: string) =>
  useQueueDelivery(() => sendTestEvent(webhookId), webhookId);
