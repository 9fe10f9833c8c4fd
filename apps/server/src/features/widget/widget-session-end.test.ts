import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { testApp, type TestApp, uniquePhone } from '../../test/harness.ts';
import { widgetClient } from './widget.test-support.ts';

let t: TestApp;
let w: ReturnType<typeof widgetClient>;

beforeAll(async () => {
  // A fast sweep keeps the test short; production re-checks every 2 s.
  t = await testApp({ credentialSweepMs: 100 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  w = widgetClient(t);
});
afterAll(() => t.app.close());

/** Resolves with the close code, or rejects when the socket is still open after `ms`. */
const closedWithin = (closed: Promise<number>, ms: number) =>
  Promise.race([
    closed,
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error('still open')), ms)),
  ]);

async function openWidget() {
  const { channel } = await w.webchat();
  const { cookie } = await w.start(channel.id, { phone: uniquePhone(), name: 'Naledi' });
  const socket = w.connect(channel.id, cookie);
  await socket.opened;
  await socket.next((f) => f.type === 'hello');
  const [session] = await queryRows<{ id: string }>(
    t.db,
    sql`select id::text as id from widget_sessions where channel_id = ${channel.id}`,
  );
  return { socket, sessionId: session!.id };
}

describe('a widget session that ends without a word on the bus', () => {
  it('closes its socket once housekeeping has deleted the session', async () => {
    const { socket, sessionId } = await openWidget();
    await t.db.execute(sql`delete from widget_sessions where id = ${sessionId}`);
    expect(await closedWithin(socket.closed, 5000)).toBe(4401);
  });

  it('closes its socket once the session has been idle past its limit', async () => {
    const { socket, sessionId } = await openWidget();
    const other = await openWidget();
    await t.db.execute(
      sql`update widget_sessions set last_seen_at = now() - interval '31 days' where id = ${sessionId}`,
    );
    expect(await closedWithin(socket.closed, 5000)).toBe(4401);
    // Another visitor's live session is left alone.
    expect(other.socket.ws.readyState).toBe(other.socket.ws.OPEN);
  });
});
