import { EventEmitter } from 'node:events';
import type { Frame } from '@parley/contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/client.ts';
import { emptyDatabase } from '../test/harness.ts';
import { createInProcessBus } from './bus.ts';
import type { CommittedFrame } from './frames.ts';
import { createHub, type Hub } from './hub.ts';
import { createLocalPresence } from './presence.ts';

/** Just enough of a WebSocket for the hub: it records what it is sent. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: Frame[] = [];
  send(text: string) {
    this.sent.push(JSON.parse(text) as Frame);
  }
  close() {
    this.readyState = 3;
    this.emit('close');
  }
  ping() {}
  terminate() {
    this.close();
  }
}

const quiet = () => undefined;
const silent = {
  level: 'silent',
  fatal: quiet,
  error: quiet,
  warn: quiet,
  info: quiet,
  debug: quiet,
  trace: quiet,
  silent: quiet,
  child: () => silent,
} as unknown as FastifyBaseLogger;

let database: Database;
let hub: Hub;
const GAP_WAIT_MS = 300;

beforeAll(async () => {
  // A database of its own: the hub's position is the newest frame, which nobody else moves.
  database = await emptyDatabase();
  // The hub's clock (gap waits, retries, its backstop) moves only when a test moves it.
  vi.useFakeTimers({
    toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
  });
  hub = createHub({
    db: database.db,
    bus: createInProcessBus(),
    presence: createLocalPresence(),
    log: silent,
    onPresenceChange: async () => undefined,
    gapWaitMs: GAP_WAIT_MS,
  });
  await hub.start();
});

afterAll(async () => {
  await hub.close();
  vi.useRealTimers();
  await database.close();
});

const widget = (room: string) => {
  const socket = new FakeSocket();
  hub.attachWidget(socket as unknown as WebSocket, [room], 'session');
  return socket;
};

const frame = (id: number, room: string, text: string): CommittedFrame => {
  const data = { text };
  return { id, rooms: [room], type: 'message.created', data, json: JSON.stringify(data) };
};

/** Draws the next frame id, as an insert would, without writing a row. */
async function nextId(): Promise<number> {
  const [row] = await queryRows<{ id: number | string }>(
    database.db,
    sql`select nextval(pg_get_serial_sequence('realtime_frames', 'id')) as id`,
  );
  return Number(row!.id);
}

async function insertFrame(room: string, text: string): Promise<number> {
  const [row] = await queryRows<{ id: number | string }>(
    database.db,
    sql`insert into realtime_frames (rooms, type, data)
        values (${sql.param([room])}::text[], 'message.created', ${JSON.stringify({ text })}::jsonb)
        returning id`,
  );
  return Number(row!.id);
}

const texts = (socket: FakeSocket) =>
  socket.sent
    .filter((f) => f.type === 'message.created')
    .map((f) => (f.data as { text: string }).text);

describe('the hub delivering what this node committed', () => {
  it('sends it from memory: a frame whose row it never reads still arrives, once', async () => {
    const socket = widget('room:memory');
    // The id is drawn but no row is written: only the wake-up carries this frame.
    const id = await nextId();
    hub.wake([frame(id, 'room:memory', 'from memory')]);
    await hub.pump();
    expect(texts(socket)).toEqual(['from memory']);
    expect(socket.sent.at(-1)?.seq).toBe(id);
    expect(hub.cursor).toBe(id);
    // A second wake-up with the same frame, or a read of the table, sends nothing again.
    hub.wake([frame(id, 'room:memory', 'from memory')]);
    await hub.pump();
    expect(texts(socket)).toEqual(['from memory']);
  });

  it('reads an earlier frame another node committed from the table, and keeps the order', async () => {
    const socket = widget('room:order');
    const earlier = await insertFrame('room:order', 'other node');
    const mine = await nextId();
    hub.wake([frame(mine, 'room:order', 'this node')]);
    await hub.pump();
    expect(texts(socket)).toEqual(['other node', 'this node']);
    expect(socket.sent.filter((f) => f.type === 'message.created').map((f) => f.seq)).toEqual([
      earlier,
      mine,
    ]);
  });

  it('holds its own frame while an earlier id is uncommitted, and passes it after the wait', async () => {
    const socket = widget('room:gap');
    await nextId(); // an id some transaction holds and has not committed (it never will)
    const mine = await nextId();
    hub.wake([frame(mine, 'room:gap', 'after the gap')]);
    await hub.pump();
    expect(texts(socket)).toEqual([]);
    // Short of the wait, the retries still stop at the gap.
    await vi.advanceTimersByTimeAsync(GAP_WAIT_MS - 50);
    await hub.pump();
    expect(texts(socket)).toEqual([]);
    await vi.advanceTimersByTimeAsync(350);
    await hub.pump();
    expect(texts(socket)).toEqual(['after the gap']);
  });

  it('sends a frame only to the sockets in its rooms', async () => {
    const inside = widget('room:inside');
    const outside = widget('room:outside');
    const id = await nextId();
    hub.wake([frame(id, 'room:inside', 'for inside')]);
    await hub.pump();
    expect(texts(inside)).toEqual(['for inside']);
    expect(texts(outside)).toEqual([]);
  });
});
