import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { channels, chats, customers, notes, staff } from '../../db/schema.ts';
import { signPayload } from '../channels/index.ts';
import { emptyDatabase, signIn, testApp } from '../../test/harness.ts';
import { DEMO_PASSWORD, DEMO_STAFF, demoBanner, seedDemo } from './demo.seed.ts';

describe('demo data', () => {
  it('fills an empty database once, and the demo accounts sign in', async () => {
    const database = await emptyDatabase();
    try {
      expect(await seedDemo(database.db)).toBe(true);
      expect(await seedDemo(database.db)).toBe(false);
      const [n] = await database.db.select({ n: count() }).from(staff);
      expect(n?.n).toBe(DEMO_STAFF.length);
      const rows = await database.db.select().from(channels);
      expect(rows.map((c) => [c.id, c.kind, c.defaultRegion]).sort()).toEqual([
        ['demo-webchat', 'webchat', 'ZA'],
        ['demo-webhook', 'webhook', 'ZA'],
        ['demo-whatsapp', 'whatsapp', 'ZA'],
      ]);
      // Sealed like any channel's: never in plaintext, yet the documented secret signs.
      expect(rows.every((c) => c.secret === null)).toBe(true);
      expect(JSON.stringify(rows)).not.toMatch(/demo-(secret|app-secret|access-token|identity)/);

      const { app } = await testApp({ database });
      const body = JSON.stringify({ messageId: 'demo-1', from: '+27820000001', text: 'Hi' });
      const timestamp = Math.floor(Date.now() / 1000);
      const inbound = await app.inject({
        method: 'POST',
        url: '/api/inbound/demo-webhook',
        headers: {
          'content-type': 'application/json',
          'x-parley-timestamp': String(timestamp),
          'x-parley-signature': signPayload('demo-secret', body, timestamp),
        },
        payload: body,
      });
      expect(inbound.statusCode).toBe(200);
      const cookie = await signIn(app, 'agent1@demo.parley', DEMO_PASSWORD);
      const me = (await app.inject({ url: '/api/me', headers: { cookie } })).json();
      expect(me).toMatchObject({ role: 'agent', departments: [{ name: 'Support' }] });

      // A desk that is never empty: agent1 has one live chat, and customers have history and notes.
      const live = (await app.inject({ url: '/api/chats?view=live', headers: { cookie } })).json();
      expect(live.items).toHaveLength(1);
      expect(live.items[0]).toMatchObject({
        customer: { name: 'Thandi Nkosi', phone: '+27821234567' },
      });
      const timeline = (
        await app.inject({ url: `/api/chats/${live.items[0].id}/timeline`, headers: { cookie } })
      ).json();
      expect(timeline.items.map((i: { kind: string }) => i.kind)).toEqual(
        expect.arrayContaining(['message', 'event']),
      );
      const [customerCount] = await database.db.select({ n: count() }).from(customers);
      expect(customerCount?.n).toBeGreaterThanOrEqual(3);
      const [noteCount] = await database.db.select({ n: count() }).from(notes);
      expect(noteCount?.n).toBeGreaterThanOrEqual(2);
      const closed = await database.db.select().from(chats).where(eq(chats.status, 'closed'));
      expect(closed.length).toBeGreaterThanOrEqual(3);
      await app.close();
    } finally {
      await database.close();
    }
  });

  it('leaves a database that already has staff alone', async () => {
    const database = await emptyDatabase();
    try {
      await database.db
        .insert(staff)
        .values({ email: 'own@x.io', name: 'Own', role: 'admin', passwordHash: 'x' });
      expect(await seedDemo(database.db)).toBe(false);
      expect(await database.db.select().from(channels)).toHaveLength(0);
    } finally {
      await database.close();
    }
  });

  it('announces every account and the password', () => {
    const banner = demoBanner();
    for (const s of DEMO_STAFF) expect(banner).toContain(s.email);
    expect(banner).toContain(DEMO_PASSWORD);
  });
});
