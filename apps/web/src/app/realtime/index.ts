export { ConnectionIndicator } from './ConnectionIndicator.tsx';
export { RealtimeProvider, realtimeUrl } from './RealtimeProvider.tsx';
export {
  useRealtimeClient,
  useRealtimeEvent,
  useRealtimeRoom,
  useRealtimeStatus,
} from './useRealtime.ts';
export { SESSION_ENDED_CODE, createRealtimeClient } from './realtimeClient.ts';
export type { RealtimeClient, RealtimeStatus, SocketLike } from './realtimeClient.ts';
