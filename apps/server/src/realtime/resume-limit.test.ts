import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, signIn, testApp, type TestApp } from '../test/harness.ts';
import { listenForSockets, type SocketOpener } from '../test/listening.ts';
import { MAX_REPLAY } from './hub.ts';
import { rooms } from './rooms.ts';

let t: TestApp;
let connect: SocketOpener;
beforeAll(async () => {
  t = await testApp();
  connect = await listenForSockets(t.app);
});

describe('resume is bounded per socket', () => {
  it('answers at most 5 resumes in 10 s; the rest, sent at once, get an error saying so', async () => {
    const person = await makeStaff(t.db);
    const s = connect({ cookie: await signIn(t.app, person.email) });
    await s.opened;
    // All at once, as a misbehaving client would: each asks for what cannot be replayed.
    const after = t.app.hub.cursor + 1_000_000;
    for (let i = 0; i < 8; i++) s.send({ type: 'resume', after });
    await s.settled();
    expect(s.frames.filter((f) => f.type === 'resync')).toHaveLength(5);
    const refused = s.frames.filter((f) => f.type === 'error');
    expect(refused).toHaveLength(3);
    for (const f of refused)
      expect(f.data).toMatchObject({ ref: 'resume', message: expect.stringMatching(/too many/i) });
    // Another socket of the same person has its own allowance.
    const other = connect({ cookie: await signIn(t.app, person.email) });
    await other.opened;
    other.send({ type: 'resume', after });
    await other.next((f) => f.type === 'resync');
  });

  it(`asks for a resync instead of replaying more than ${MAX_REPLAY} frames`, async () => {
    const person = await makeStaff(t.db);
    const s = connect({ cookie: await signIn(t.app, person.email) });
    await s.opened;
    await s.settled();
    const before = t.app.hub.cursor;
    await t.db.execute(
      sql`insert into realtime_frames (rooms, type, data)
          select array[${rooms.staff(person.id)}], 'comments.cleared', jsonb_build_object('chatId', 'x' || n)
            from generate_series(1, ${MAX_REPLAY + 1}) n`,
    );
    await t.app.hub.pump();
    await s.next((f) => f.type === 'comments.cleared' && f.data.chatId === `x${MAX_REPLAY + 1}`);
    s.send({ type: 'resume', after: before });
    const resync = await s.next((f) => f.type === 'resync');
    expect(resync.data).toMatchObject({ reason: expect.stringMatching(/too much/i) });
  });
});
