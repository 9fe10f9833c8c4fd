import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../../test/FakeSocket.ts';
import { buildPresence } from '../../test/fixtures.ts';
import { backoffDelay, createRealtimeClient } from './realtimeClient.ts';
import type { RealtimeClientOptions } from './realtimeClient.ts';

function setup(options: Partial<RealtimeClientOptions> = {}) {
  const client = createRealtimeClient({
    url: 'ws://desk.test/api/realtime',
    createSocket: (url) => new FakeSocket(url),
    random: () => 0,
    ...options,
  });
  const onResync = vi.fn();
  const onSessionEnded = vi.fn();
  const onConnectFailed = vi.fn();
  client.on('resync', onResync);
  client.on('sessionEnded', onSessionEnded);
  client.on('connectFailed', onConnectFailed);
  client.start();
  return { client, onResync, onSessionEnded, onConnectFailed };
}

const hello = (seq: number) => ({ seq, type: 'hello', data: { staffId: 's1', rooms: ['staff'] } });
const presence = (seq: number, name = 'Agent Two') => ({
  seq,
  type: 'staff.presence',
  data: buildPresence({ name }),
});

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.reset();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('realtime client', () => {
  it('connects to the given url and does not ask to resume on the first connection', () => {
    setup();
    const socket = FakeSocket.latest();
    expect(socket.url).toBe('ws://desk.test/api/realtime');
    socket.open();
    expect(socket.messages()).toEqual([]);
  });

  it('hands each valid frame to the subscribers of its type only', () => {
    const { client } = setup();
    const onPresence = vi.fn();
    const onHello = vi.fn();
    client.subscribe('staff.presence', onPresence);
    client.subscribe('hello', onHello);
    const socket = FakeSocket.latest();
    socket.open();

    socket.receive(hello(1));
    socket.receive(presence(2, 'Thandi'));

    expect(onHello).toHaveBeenCalledTimes(1);
    expect(onPresence).toHaveBeenCalledTimes(1);
    expect(onPresence).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Thandi', online: true }),
      expect.objectContaining({ seq: 2, type: 'staff.presence' }),
    );
  });

  it('drops frames that are malformed, unknown or fail their schema, and stops after unsubscribe', () => {
    const { client } = setup();
    const onPresence = vi.fn();
    const unsubscribe = client.subscribe('staff.presence', onPresence);
    const socket = FakeSocket.latest();
    socket.open();

    socket.receive('not json');
    socket.receive({ seq: 3, type: 'chat.teleported', data: {} });
    socket.receive({ seq: 4, type: 'staff.presence', data: { id: 'x', name: 'No flags' } });
    expect(onPresence).not.toHaveBeenCalled();

    unsubscribe();
    socket.receive(presence(5));
    expect(onPresence).not.toHaveBeenCalled();
  });

  it('hands over typing frames but never takes their seq 0 as a resume point', () => {
    const { client } = setup();
    const onTyping = vi.fn();
    client.subscribe('typing', onTyping);
    const first = FakeSocket.latest();
    first.open();
    const typing = {
      chatId: 'c1',
      who: { kind: 'customer' },
      comment: false,
      until: '2026-11-30T10:00:06.000Z',
    };
    // Ephemeral frames may come before anything stored: they must not become the position.
    first.receive({ seq: 0, type: 'typing', data: typing });
    expect(onTyping).toHaveBeenCalledWith(typing, expect.objectContaining({ type: 'typing' }));
    expect(client.getLastSeq()).toBeNull();
    first.drop();
    vi.advanceTimersByTime(500);
    const second = FakeSocket.latest();
    second.open();
    expect(second.messages()).toEqual([]);
  });

  it('reconnects after a drop and resumes after the highest seq it saw', () => {
    const { client } = setup();
    const first = FakeSocket.latest();
    first.open();
    first.receive(hello(1));
    first.receive(presence(7));
    first.receive(presence(5)); // never move backwards
    expect(client.getLastSeq()).toBe(7);

    first.drop();
    expect(client.getStatus()).toBe('reconnecting');
    expect(FakeSocket.instances).toHaveLength(1);

    vi.advanceTimersByTime(499);
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(2);

    const second = FakeSocket.latest();
    second.open();
    expect(second.messages()).toEqual([{ type: 'resume', after: 7 }]);
    expect(client.getStatus()).toBe('open');
  });

  it('does not take the position from hello or error frames while a replay is on its way', () => {
    const { client } = setup();
    const first = FakeSocket.latest();
    first.open();
    first.receive(hello(10));
    expect(client.getLastSeq()).toBe(10);
    first.drop();
    vi.advanceTimersByTime(500);

    const second = FakeSocket.latest();
    second.open();
    // The server says hello at its current position (15) before replaying 11..15.
    second.receive(hello(15));
    second.receive({ seq: 15, type: 'error', data: { message: 'Cannot subscribe to that room.' } });
    expect(client.getLastSeq()).toBe(10);
    second.receive(presence(11));
    expect(client.getLastSeq()).toBe(11);
  });

  it('reports a connection that failed before opening, but not a drop after it opened', () => {
    const { onConnectFailed } = setup();
    FakeSocket.latest().drop();
    expect(onConnectFailed).toHaveBeenCalledTimes(1);

    vi.advanceTimersByTime(500);
    const socket = FakeSocket.latest();
    socket.open();
    socket.drop();
    expect(onConnectFailed).toHaveBeenCalledTimes(1);
  });

  it('backs off from 0.5 s doubling to at most 10 s while the server stays away', () => {
    setup();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      FakeSocket.latest().drop();
      const before = FakeSocket.instances.length;
      let waited = 0;
      while (FakeSocket.instances.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('adds jitter on top of the backoff', () => {
    expect(backoffDelay(0, 500, 10_000, 0)).toBe(500);
    expect(backoffDelay(0, 500, 10_000, 1)).toBe(650);
    expect(backoffDelay(10, 500, 10_000, 0.5)).toBe(11_500);
  });

  it('starts the backoff over once a connection got as far as hello', () => {
    setup();
    FakeSocket.latest().drop();
    vi.advanceTimersByTime(500);
    FakeSocket.latest().drop();
    vi.advanceTimersByTime(1000);
    const healthy = FakeSocket.latest();
    healthy.open();
    healthy.receive(hello(1));
    healthy.drop();
    const before = FakeSocket.instances.length;
    vi.advanceTimersByTime(500);
    expect(FakeSocket.instances.length).toBe(before + 1);
  });

  it('on resync asks the app to refetch and resumes from the resync position afterwards', () => {
    const { client, onResync } = setup();
    const first = FakeSocket.latest();
    first.open();
    first.receive(hello(1));
    first.receive(presence(40));
    first.drop();
    vi.advanceTimersByTime(500);

    const second = FakeSocket.latest();
    second.open();
    expect(second.messages()).toEqual([{ type: 'resume', after: 40 }]);
    second.receive(hello(2));
    second.receive({ seq: 3, type: 'resync', data: { reason: 'server restarted' } });
    expect(onResync).toHaveBeenCalledTimes(1);
    expect(client.getLastSeq()).toBe(3);

    second.receive(presence(4));
    second.drop();
    vi.advanceTimersByTime(500);
    const third = FakeSocket.latest();
    expect(third).not.toBe(second);
    third.open();
    expect(third.messages()).toEqual([{ type: 'resume', after: 4 }]);
  });

  it('treats a bare {"type":"resync"} the same way', () => {
    const { onResync } = setup();
    const socket = FakeSocket.latest();
    socket.open();
    socket.receive({ type: 'resync' });
    expect(onResync).toHaveBeenCalledTimes(1);
  });

  it('on close code 4401 reports the ended session and never reconnects', () => {
    const { client, onSessionEnded } = setup();
    const socket = FakeSocket.latest();
    socket.open();
    socket.drop(4401);

    expect(onSessionEnded).toHaveBeenCalledTimes(1);
    expect(client.getStatus()).toBe('closed');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('pings every 25 s while open, and not after the socket dropped', () => {
    setup();
    const socket = FakeSocket.latest();
    socket.open();
    vi.advanceTimersByTime(24_999);
    expect(socket.messages()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(socket.messages()).toEqual([{ type: 'ping' }]);
    socket.receive({ seq: 0, type: 'pong', data: {} });
    vi.advanceTimersByTime(25_000);
    expect(socket.messages()).toEqual([{ type: 'ping' }, { type: 'ping' }]);

    socket.drop();
    vi.advanceTimersByTime(25_000);
    expect(socket.sent).toHaveLength(2);
  });

  it('drops a stalled connection whose ping goes unanswered, and resumes on a new one', () => {
    const { client } = setup({ pingIntervalMs: 1000, pongTimeoutMs: 500, initialBackoffMs: 100 });
    const first = FakeSocket.latest();
    first.open();
    first.receive(presence(7));
    vi.advanceTimersByTime(1000);
    expect(first.messages()).toEqual([{ type: 'ping' }]);
    vi.advanceTimersByTime(499);
    expect(client.getStatus()).toBe('open');
    vi.advanceTimersByTime(1);
    expect(client.getStatus()).toBe('reconnecting');
    expect(first.closedWith).toBe(4000);
    vi.advanceTimersByTime(100);
    const second = FakeSocket.latest();
    expect(second).not.toBe(first);
    second.open();
    expect(second.messages()).toEqual([{ type: 'resume', after: 7 }]);
  });

  it('drops the connection at once when told the browser went offline', () => {
    const { client } = setup();
    const socket = FakeSocket.latest();
    socket.open();
    client.dropConnection();
    expect(client.getStatus()).toBe('reconnecting');
    expect(socket.closedWith).toBe(4000);
  });

  it('stop() closes the socket and cancels any pending reconnect', () => {
    const { client } = setup();
    const socket = FakeSocket.latest();
    socket.open();
    client.stop();
    expect(socket.closedWith).toBe(1000);
    expect(client.getStatus()).toBe('closed');

    client.start();
    FakeSocket.latest().drop();
    client.stop();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('reconnectNow() skips the remaining backoff', () => {
    const { client } = setup();
    FakeSocket.latest().drop();
    client.reconnectNow();
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('tells status listeners about every change', () => {
    const { client } = setup();
    const seen: string[] = [client.getStatus()];
    client.onStatusChange(() => seen.push(client.getStatus()));
    const socket = FakeSocket.latest();
    socket.open();
    socket.drop();
    vi.advanceTimersByTime(500);
    FakeSocket.latest().open();
    expect(seen).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('joins a room at once when open, and leaves it when the last holder lets go', () => {
    const { client } = setup();
    const socket = FakeSocket.latest();
    socket.open();

    const leaveFirst = client.joinRoom('chat:c1');
    const leaveSecond = client.joinRoom('chat:c1');
    expect(socket.messages()).toEqual([{ type: 'subscribe', room: 'chat:c1' }]);

    leaveFirst();
    leaveFirst(); // twice is harmless and does not release the other holder
    expect(socket.messages()).toHaveLength(1);
    leaveSecond();
    expect(socket.messages()).toEqual([
      { type: 'subscribe', room: 'chat:c1' },
      { type: 'unsubscribe', room: 'chat:c1' },
    ]);
  });

  it('re-joins wanted rooms after a reconnect, before asking to resume', () => {
    const { client } = setup();
    const leave = client.joinRoom('chat:early'); // asked for before the socket opened
    const first = FakeSocket.latest();
    first.open();
    expect(first.messages()).toEqual([{ type: 'subscribe', room: 'chat:early' }]);
    client.joinRoom('chat:c2');
    leave();
    first.receive(presence(12));
    first.drop();
    vi.advanceTimersByTime(500);

    const second = FakeSocket.latest();
    second.open();
    expect(second.messages()).toEqual([
      { type: 'subscribe', room: 'chat:c2' },
      { type: 'resume', after: 12 },
    ]);
  });
});
