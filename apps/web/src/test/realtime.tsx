import { QueryClientProvider } from '@tanstack/react-query';
import { act, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { RealtimeProvider } from '../app/realtime/index.ts';
import { FakeSocket } from './FakeSocket.ts';
import { createTestQueryClient } from './render.tsx';

/** Renders inside a query client and a realtime provider whose socket the test drives. */
export function renderWithRealtime(ui: ReactElement, queryClient = createTestQueryClient()) {
  FakeSocket.reset();
  vi.stubGlobal('WebSocket', FakeSocket);
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RealtimeProvider onSessionEnded={() => undefined}>{ui}</RealtimeProvider>
    </QueryClientProvider>,
  );
  let seq = 100;
  const socket = () => FakeSocket.latest();
  return {
    ...result,
    queryClient,
    socket,
    /** Opens the socket, as the server accepting the connection. */
    open: () => act(() => socket().open()),
    /** Pushes a server frame with the next seq. */
    push: (type: string, data: unknown) => act(() => socket().receive({ seq: ++seq, type, data })),
  };
}
