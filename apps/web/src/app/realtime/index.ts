export { ConnectionIndicator } from './ConnectionIndicator.tsx';
export { RealtimeProvider } from './RealtimeProvider.tsx';
export {
  useRealtimeClient,
  useRealtimeFrame,
  useRealtimeRoom,
  useRealtimeStatus,
} from './useRealtime.ts';
export { SESSION_ENDED_CODE } from './realtimeClient.ts';
export type { SocketLike } from './realtimeClient.ts';
export { typingLine, useTypingSender, useTypists, type Typist } from './useTyping.ts';
