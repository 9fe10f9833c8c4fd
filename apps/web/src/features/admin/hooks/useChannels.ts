import type { AdminChannel, ChannelPatchBody, RotateSecretBody } from '@parley/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  adminQueryKeys,
  createChannel,
  fetchChannels,
  rotateChannelSecret,
  setChannelEnabled,
  testChannel,
  updateChannel,
} from '../api.ts';

export function useChannels() {
  return useQuery({
    queryKey: adminQueryKeys.channels,
    queryFn: ({ signal }) => fetchChannels({ signal }),
  });
}

/** Puts the server's answer in the list at once, so the table never shows a stale row. */
function useStoreChannel() {
  const queryClient = useQueryClient();
  return (saved: AdminChannel) => {
    queryClient.setQueryData<AdminChannel[]>(adminQueryKeys.channels, (list = []) => {
      // The shown-once secrets of a creation never go into the cache.
      const { shownOnce: _secrets, ...channel } = saved as AdminChannel & { shownOnce?: unknown };
      return list.some((c) => c.id === channel.id)
        ? list.map((c) => (c.id === channel.id ? channel : c))
        : [...list, channel];
    });
  };
}

export function useCreateChannel() {
  const store = useStoreChannel();
  return useMutation({ mutationFn: createChannel, onSuccess: store });
}

export function useUpdateChannel() {
  const store = useStoreChannel();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ChannelPatchBody }) =>
      updateChannel(id, patch),
    onSuccess: store,
  });
}

export function useRotateSecret() {
  const store = useStoreChannel();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RotateSecretBody }) =>
      rotateChannelSecret(id, body),
    onSuccess: (rotated) => store(rotated.channel),
  });
}

export function useSetChannelEnabled() {
  const store = useStoreChannel();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      setChannelEnabled(id, enabled),
    onSuccess: store,
  });
}

export function useTestChannel() {
  return useMutation({ mutationFn: testChannel });
}
