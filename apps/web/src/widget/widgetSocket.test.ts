import type { WidgetMessage } from '@parley/contract';
import { plainMessageExtras } from '@parley/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/FakeSocket.ts';
import { SESSION_ENDED_CODE, connectWidgetSocket } from './widgetSocket.ts';

const reply: WidgetMessage = {
  id: 'm-1',
  chatId: 'chat-1',
  direction: 'out',
  text: 'Hi!',
  author: { kind: 'staff', name: 'Sam' },
  status: 'sent',
  createdAt: '2026-11-26T09:00:00.000Z',
  clientId: null,
  ...plainMessageExtras(),
};

function handlers() {
  return { message: vi.fn(), reload: vi.fn(), status: vi.fn(), sessionEnded: vi.fn() };
}

beforeEach(() => {
  FakeSocket.reset();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

const connect = (on: ReturnType<typeof handlers>) =>
  connectWidgetSocket('ws://test/api/widget/c/realtime', on, {
    createSocket: (url) => new FakeSocket(url),
    backoff: () => 1000,
  });

describe('connectWidgetSocket', () => {
  it('reloads once connected, then hands over the messages it hears', () => {
    const on = handlers();
    connect(on);
    const socket = FakeSocket.latest();
    socket.open();
    socket.receive({ seq: 10, type: 'hello', data: { staffId: '', rooms: [] } });
    expect(on.reload).toHaveBeenCalledTimes(1);
    expect(on.status).toHaveBeenLastCalledWith('open');
    socket.receive({ seq: 11, type: 'message.created', data: reply });
    expect(on.message).toHaveBeenCalledWith(reply);
    expect(socket.sent).toEqual([]);
  });

  it('hands over the agent’s typing without moving the resume point', () => {
    const on = { ...handlers(), typing: vi.fn() };
    connect(on);
    const first = FakeSocket.latest();
    first.open();
    first.receive({ seq: 10, type: 'hello', data: { staffId: '', rooms: [] } });
    first.receive({ seq: 11, type: 'message.created', data: reply });
    first.receive({
      seq: 0,
      type: 'typing',
      data: {
        chatId: 'chat-1',
        who: { kind: 'staff', name: 'Sam' },
        comment: false,
        until: '2026-11-26T09:00:06.000Z',
      },
    });
    expect(on.typing).toHaveBeenCalledWith({
      chatId: 'chat-1',
      name: 'Sam',
      until: '2026-11-26T09:00:06.000Z',
    });
    first.drop();
    vi.advanceTimersByTime(1000);
    const second = FakeSocket.latest();
    second.open();
    second.receive({ seq: 20, type: 'hello', data: { staffId: '', rooms: [] } });
    expect(second.sent).toEqual([JSON.stringify({ type: 'resume', after: 11 })]);
  });

  it('says the visitor is typing on the open socket only', () => {
    const on = handlers();
    const connection = connect(on);
    connection.send({ type: 'typing', chatId: 'chat-1' }); // not open yet: dropped
    const socket = FakeSocket.latest();
    socket.open();
    connection.send({ type: 'typing', chatId: 'chat-1' });
    expect(socket.sent).toEqual([JSON.stringify({ type: 'typing', chatId: 'chat-1' })]);
  });

  it('reloads the conversation when the chat was ended by the agent', () => {
    const on = handlers();
    connect(on);
    const socket = FakeSocket.latest();
    socket.open();
    socket.receive({ seq: 10, type: 'hello', data: { staffId: '', rooms: [] } });
    socket.receive({
      seq: 12,
      type: 'chat.ended',
      data: { chatId: 'chat-1', at: reply.createdAt },
    });
    expect(on.reload).toHaveBeenCalledTimes(2);
    expect(on.message).not.toHaveBeenCalled();
  });

  it('hands over the chat’s state, and asks for it again after a resume', () => {
    const on = { ...handlers(), chat: vi.fn(), resumed: vi.fn() };
    connect(on);
    const first = FakeSocket.latest();
    first.open();
    first.receive({ seq: 10, type: 'hello', data: { staffId: '', rooms: [] } });
    const state = {
      id: 'chat-1',
      status: 'live' as const,
      kind: 'chat' as const,
      queue: null,
      agent: { firstName: 'Sam' },
      ticket: null,
    };
    first.receive({ seq: 11, type: 'widget.chat', data: state });
    expect(on.chat).toHaveBeenCalledWith(state);
    expect(on.resumed).not.toHaveBeenCalled();
    first.drop();
    vi.advanceTimersByTime(1000);
    const second = FakeSocket.latest();
    second.open();
    second.receive({ seq: 20, type: 'hello', data: { staffId: '', rooms: [] } });
    expect(second.sent).toEqual([JSON.stringify({ type: 'resume', after: 11 })]);
    expect(on.resumed).toHaveBeenCalledTimes(1);
  });

  it('reconnects after a drop and resumes after the last frame it saw', () => {
    const on = handlers();
    connect(on);
    const first = FakeSocket.latest();
    first.open();
    first.receive({ seq: 10, type: 'hello', data: { staffId: '', rooms: [] } });
    first.receive({ seq: 14, type: 'message.created', data: reply });
    first.drop();
    expect(on.status).toHaveBeenLastCalledWith('reconnecting');
    expect(FakeSocket.instances).toHaveLength(1);

    vi.advanceTimersByTime(1000);
    const second = FakeSocket.latest();
    expect(second).not.toBe(first);
    second.open();
    second.receive({ seq: 20, type: 'hello', data: { staffId: '', rooms: [] } });
    expect(second.messages()).toEqual([{ type: 'resume', after: 14 }]);
    expect(on.reload).toHaveBeenCalledTimes(1);
  });

  it('reloads when the server cannot replay, and after a connection that never opened', () => {
    const on = handlers();
    connect(on);
    const first = FakeSocket.latest();
    first.drop(); // refused: maybe the session is gone, and the reload will say so
    expect(on.reload).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    const second = FakeSocket.latest();
    second.open();
    second.receive({ seq: 5, type: 'hello', data: { staffId: '', rooms: [] } });
    second.receive({ seq: 9, type: 'resync', data: { reason: 'gone' } });
    expect(on.reload).toHaveBeenCalledTimes(3);
  });

  it('stops for good when the session ends, or when closed', () => {
    const on = handlers();
    connect(on);
    FakeSocket.latest().open();
    FakeSocket.latest().drop(SESSION_ENDED_CODE);
    expect(on.sessionEnded).toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);

    const other = handlers();
    const close = connect(other);
    const socket = FakeSocket.latest();
    close();
    expect(socket.closedWith).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(2);
  });
});
