import { useQueryClient } from '@tanstack/react-query';
import { createContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { createRealtimeClient } from './realtimeClient.ts';
import type { RealtimeClient } from './realtimeClient.ts';

export const RealtimeContext = createContext<RealtimeClient | null>(null);

export function realtimeUrl(location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/realtime`;
}

type RealtimeProviderProps = {
  children: ReactNode;
  /** The server ended the session (close code 4401). */
  onSessionEnded: () => void;
  /** A connection attempt failed before opening; the session may have ended (401 on upgrade). */
  onConnectFailed?: () => void;
};

/** One socket per signed-in desk; a resync from the server refetches every query. */
export function RealtimeProvider({
  children,
  onSessionEnded,
  onConnectFailed,
}: RealtimeProviderProps) {
  const queryClient = useQueryClient();
  const [client] = useState(() => createRealtimeClient({ url: realtimeUrl() }));

  useEffect(
    () => client.on('resync', () => void queryClient.invalidateQueries()),
    [client, queryClient],
  );
  useEffect(() => client.on('sessionEnded', onSessionEnded), [client, onSessionEnded]);
  useEffect(
    () => (onConnectFailed ? client.on('connectFailed', onConnectFailed) : undefined),
    [client, onConnectFailed],
  );

  useEffect(() => {
    client.start();
    const onOnline = () => client.reconnectNow();
    // Offline, the socket stalls silently: say so at once and reconnect when back.
    const onOffline = () => client.dropConnection();
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      client.stop();
    };
  }, [client]);

  return <RealtimeContext value={client}>{children}</RealtimeContext>;
}
