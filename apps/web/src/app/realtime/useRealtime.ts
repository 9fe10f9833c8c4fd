import type { ServerFrameType } from '@parley/contract';
import { useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import { RealtimeContext } from './RealtimeProvider.tsx';
import type { FrameHandler, RealtimeClient, RealtimeStatus } from './realtimeClient.ts';

export function useRealtimeClient(): RealtimeClient {
  const client = useContext(RealtimeContext);
  if (!client) throw new Error('useRealtimeClient must be used inside <RealtimeProvider>.');
  return client;
}

/** Calls `handler` for every frame of `type`; the latest handler is used without resubscribing. */
export function useRealtimeFrame<K extends ServerFrameType>(type: K, handler: FrameHandler<K>) {
  const client = useRealtimeClient();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(
    () => client.subscribe(type, (data, frame) => latest.current(data, frame)),
    [client, type],
  );
}

/** Receives a room's frames (e.g. `chat:<id>`) while mounted; `null` joins nothing. */
export function useRealtimeRoom(room: string | null) {
  const client = useRealtimeClient();
  useEffect(() => (room === null ? undefined : client.joinRoom(room)), [client, room]);
}

export function useRealtimeStatus(): RealtimeStatus {
  const client = useRealtimeClient();
  return useSyncExternalStore(client.onStatusChange, client.getStatus);
}
