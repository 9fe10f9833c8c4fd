import type { Frame } from '@parley/contract';
import type { App } from '../app.ts';
import { recordingSocket } from './socket.ts';

/** Makes the app listen on a free port and returns a way to open staff sockets on it. */
export async function listenForSockets(app: App) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const base = `127.0.0.1:${address.port}`;
  return (headers: { cookie?: string; authorization?: string }) => {
    const socket = recordingSocket<Frame>(`ws://${base}/api/realtime`, {
      origin: `http://${base}`,
      ...headers,
    });
    const send = (message: Record<string, unknown>) => socket.ws.send(JSON.stringify(message));
    /** Messages are handled in order, so a pong means everything sent before it was handled. */
    const settled = async () => {
      const before = socket.frames.filter((f) => f.type === 'pong').length;
      send({ type: 'ping' });
      await socket.next(() => socket.frames.filter((f) => f.type === 'pong').length > before, 5000);
    };
    return { ...socket, send, settled };
  };
}

export type SocketOpener = Awaited<ReturnType<typeof listenForSockets>>;
export type StaffSocket = ReturnType<SocketOpener>;
