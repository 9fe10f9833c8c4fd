import { renderHook } from '@testing-library/react';
import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { MONITOR_HEARTBEAT_MS, useMonitorSession } from './useMonitorSession.ts';

const session = (id: string) => ({ id, chatId: 'chat-1', startedAt: '2030-01-01T09:00:00.000Z' });
const noContent = () => new Response(null, { status: 204 });

type Answers = {
  start?: () => Response;
  heartbeat?: () => Response;
};

function serve({ start, heartbeat }: Answers = {}) {
  let started = 0;
  const http = mockFetch([
    {
      method: 'POST',
      path: '/api/chats/chat-1/monitor',
      reply: () => (start ? start() : json(session(`mon-${++started}`), 201)),
    },
    ...['mon-1', 'mon-2'].flatMap((id) => [
      {
        method: 'POST',
        path: `/api/monitors/${id}/heartbeat`,
        reply: () => (heartbeat ? heartbeat() : noContent()),
      },
      { method: 'POST', path: `/api/monitors/${id}/end`, reply: noContent },
    ]),
  ]);
  const calls = () => http.requests.map((request) => new URL(request.url).pathname);
  return { ...http, calls };
}

const strict = ({ children }: { children: ReactNode }) => <StrictMode>{children}</StrictMode>;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useMonitorSession', () => {
  it('opens nothing for a mount undone at once (strict mode, flicking through chats)', async () => {
    const { calls } = serve();
    renderHook(() => useMonitorSession('chat-1', true)).unmount();
    await vi.advanceTimersByTimeAsync(MONITOR_HEARTBEAT_MS);
    expect(calls()).toEqual([]);
  });

  it('starts one session, beats every 30 s and ends it on leaving', async () => {
    const { calls, requests } = serve();
    const hook = renderHook(() => useMonitorSession('chat-1', true), { wrapper: strict });

    await vi.advanceTimersByTimeAsync(0);
    expect(calls()).toEqual(['/api/chats/chat-1/monitor']);

    await vi.advanceTimersByTimeAsync(MONITOR_HEARTBEAT_MS * 2);
    expect(calls().slice(1)).toEqual([
      '/api/monitors/mon-1/heartbeat',
      '/api/monitors/mon-1/heartbeat',
    ]);

    hook.unmount();
    expect(calls().at(-1)).toBe('/api/monitors/mon-1/end');
    // Sent so that it outlives a closing tab.
    expect(requests.at(-1)!.keepalive).toBe(true);
    await vi.advanceTimersByTimeAsync(MONITOR_HEARTBEAT_MS * 2);
    expect(calls()).toHaveLength(4);
  });

  it('ends the session when the tab closes and starts a new one if the page comes back', async () => {
    const { calls } = serve();
    renderHook(() => useMonitorSession('chat-1', true));
    await vi.advanceTimersByTimeAsync(0);

    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    expect(calls()).toEqual(['/api/chats/chat-1/monitor', '/api/monitors/mon-1/end']);

    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls().at(-1)).toBe('/api/chats/chat-1/monitor');
    await vi.advanceTimersByTimeAsync(MONITOR_HEARTBEAT_MS);
    expect(calls().at(-1)).toBe('/api/monitors/mon-2/heartbeat');
  });

  it('starts a new session when the server ended the old one (the tab slept past 90 s)', async () => {
    let beats = 0;
    const { calls } = serve({
      heartbeat: () =>
        ++beats === 1 ? problem(404, 'This monitoring session has ended.') : noContent(),
    });
    renderHook(() => useMonitorSession('chat-1', true));
    await vi.advanceTimersByTimeAsync(MONITOR_HEARTBEAT_MS);

    expect(calls()).toEqual([
      '/api/chats/chat-1/monitor',
      '/api/monitors/mon-1/heartbeat',
      '/api/chats/chat-1/monitor',
    ]);
    await vi.advanceTimersByTimeAsync(MONITOR_HEARTBEAT_MS);
    expect(calls().at(-1)).toBe('/api/monitors/mon-2/heartbeat');
  });

  it('does not ask again after a refusal, and opens nothing while not watching', async () => {
    const { calls } = serve({ start: () => problem(409, 'This is your own chat.') });
    const hook = renderHook(({ watching }) => useMonitorSession('chat-1', watching), {
      initialProps: { watching: false },
    });
    await vi.advanceTimersByTimeAsync(MONITOR_HEARTBEAT_MS);
    expect(calls()).toEqual([]);

    hook.rerender({ watching: true });
    await vi.advanceTimersByTimeAsync(MONITOR_HEARTBEAT_MS * 3);
    expect(calls()).toEqual(['/api/chats/chat-1/monitor']);
  });

  it('ends a session the server opens after the chat was already left', async () => {
    let answer!: (response: Response) => void;
    const { calls } = serve({ start: () => json(session('mon-1'), 201) });
    // Hold the start's answer until after the unmount.
    const held = new Promise<Response>((resolve) => {
      answer = resolve;
    });
    const fetchMock = vi.mocked(globalThis.fetch);
    const real = fetchMock.getMockImplementation()!;
    fetchMock.mockImplementationOnce(async (...args) => {
      await real(...args);
      return held;
    });

    const hook = renderHook(() => useMonitorSession('chat-1', true));
    await vi.advanceTimersByTimeAsync(0);
    hook.unmount();
    answer(json(session('mon-1'), 201));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls()).toEqual(['/api/chats/chat-1/monitor', '/api/monitors/mon-1/end']);
  });
});
