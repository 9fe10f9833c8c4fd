import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiTokens,
  chats,
  customers,
  events,
  notifications,
  realtimeFrames,
  staff,
  transfers,
} from '../../db/schema.ts';
import { transact } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { receiveInbound, returnAgentChatsToQueue } from '../chats/index.ts';
import { systemPrincipal } from '../../principal.ts';
import { readSettings } from '../settings/index.ts';
import type { TimerContext } from '../timers/index.ts';
import { transferOfferTimer } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const deps = () => ({ db: t.db, notifier: { wake: () => undefined }, presence: t.presence });
const mid = () => `t-${Math.random().toString(36).slice(2)}`;

const post = (url: string, cookie: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

async function available(cookie: string, yes = true) {
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/me/availability',
    headers: { cookie },
    payload: { available: yes },
  });
  expect(res.statusCode).toBe(200);
}

/** Someone signed in, available and online, ready to receive. */
async function colleague(departments: string[], name: string, role?: 'agent' | 'supervisor') {
  const person = await makeStaff(t.db, { departments, name, role });
  const cookie = await signIn(t.app, person.email);
  await available(cookie);
  await t.presence.connected(person.id);
  return { ...person, cookie };
}

/**
 * A live chat held by Ana (the sender) in department one, with Ben (same department) and Cleo
 * (department two) available and online to receive it, an idle colleague in department one and
 * a supervisor.
 */
async function scene() {
  const one = await makeChannel(t.db);
  const two = await makeChannel(t.db);
  const ana = await colleague([one.department.name], 'Ana Sender');
  const from = uniquePhone();
  const { chatId } = await receiveInbound(deps(), {
    channelId: one.channel.id,
    providerMessageId: mid(),
    from,
    text: 'My parcel is lost',
    name: 'Thandi',
  });
  const ben = await colleague([one.department.name], 'Ben Receiver');
  const cleo = await colleague([two.department.name], 'Cleo Elsewhere');
  const idle = await makeStaff(t.db, { departments: [one.department.name], name: 'Idle Ida' });
  const sup = await makeStaff(t.db, { role: 'supervisor', name: 'Sue Supervisor' });
  const chat = (await get(`/api/chats/${chatId}`, ana.cookie)).json();
  expect(chat.assignee.id).toBe(ana.id);
  return {
    chatId,
    from,
    channelId: one.channel.id,
    customerId: chat.customer.id as string,
    one: one.department,
    two: two.department,
    ana,
    ben,
    cleo,
    idle: { ...idle, cookie: await signIn(t.app, idle.email) },
    sup: { ...sup, cookie: await signIn(t.app, sup.email) },
  };
}
type Scene = Awaited<ReturnType<typeof scene>>;

const offer = (s: Scene, body: Record<string, unknown>, cookie = s.ana.cookie) =>
  post(`/api/chats/${s.chatId}/transfer`, cookie, body);

async function offerToBen(s: Scene, note = 'Ben knows parcels') {
  const res = await offer(s, { agentId: s.ben.id, note });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().transfer.id as string;
}

const eventsOf = (chatId: string, type: string) =>
  t.db
    .select()
    .from(events)
    .where(and(eq(events.chatId, chatId), eq(events.type, type)));

const bellOf = (staffId: string, kind: string) =>
  t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.staffId, staffId), eq(notifications.kind, kind)));

const transferFrames = (transferId: string) =>
  t.db
    .select()
    .from(realtimeFrames)
    .where(
      and(
        eq(realtimeFrames.type, 'transfer.updated'),
        sql`${realtimeFrames.data}->>'id' = ${transferId}`,
      ),
    )
    .orderBy(realtimeFrames.id);

const transferRow = async (id: string) =>
  (await t.db.select().from(transfers).where(eq(transfers.id, id)))[0]!;

/** A live chat of someone's own, to fill their capacity. */
async function giveLiveChat(agentId: string) {
  const { channel, department } = await makeChannel(t.db);
  const [customer] = await t.db.insert(customers).values({ phone: uniquePhone() }).returning();
  await t.db.insert(chats).values({
    customerId: customer!.id,
    channelId: channel.id,
    departmentId: department.id,
    status: 'live',
    assigneeId: agentId,
  });
}

describe('offering a chat', () => {
  it('offers a live chat to a colleague: the chat shows it, the receiver sees it with a preview and hears the bell', async () => {
    const s = await scene();
    const res = await offer(s, { agentId: s.ben.id, note: 'Ben knows parcels' });
    expect(res.statusCode, res.body).toBe(200);
    const chat = res.json();
    expect(chat.assignee.id).toBe(s.ana.id);
    expect(chat.transfer).toMatchObject({
      from: { id: s.ana.id, name: 'Ana Sender' },
      offeredBy: { id: s.ana.id },
      toAgent: { id: s.ben.id, name: 'Ben Receiver' },
      toDepartment: null,
      note: 'Ben knows parcels',
    });
    const minutes = (await readSettings(t.db)).transferOfferMinutes;
    const lasts = Date.parse(chat.transfer.expiresAt) - Date.parse(chat.transfer.createdAt);
    expect(Math.abs(lasts - minutes * 60_000)).toBeLessThan(5_000);

    const inbox = (await get('/api/transfers', s.ben.cookie)).json();
    const incoming = inbox.incoming.find((x: { id: string }) => x.id === chat.transfer.id);
    expect(incoming).toMatchObject({
      chatId: s.chatId,
      state: 'offered',
      preview: {
        customer: { name: 'Thandi' },
        messages: [{ direction: 'in', text: 'My parcel is lost' }],
      },
    });
    const mine = (await get('/api/transfers', s.ana.cookie)).json();
    expect(mine.outgoing.map((x: { id: string }) => x.id)).toContain(chat.transfer.id);
    expect(mine.incoming).toEqual([]);

    const [event] = await eventsOf(s.chatId, 'transferred');
    expect(event?.data).toEqual({
      by: { id: s.ana.id, name: 'Ana Sender' },
      to: { agent: { id: s.ben.id, name: 'Ben Receiver' } },
      note: 'Ben knows parcels',
    });
    const [bell] = await bellOf(s.ben.id, 'transfer_offer');
    expect(bell).toMatchObject({ chatId: s.chatId, data: { transferId: chat.transfer.id } });
    const [frame] = await transferFrames(chat.transfer.id);
    expect(frame?.rooms).toEqual(
      expect.arrayContaining([rooms.staff(s.ana.id), rooms.staff(s.ben.id), rooms.supervisors]),
    );
    const chatFrames = await t.db
      .select()
      .from(realtimeFrames)
      .where(
        and(
          eq(realtimeFrames.type, 'chat.updated'),
          sql`${realtimeFrames.data}->'transfer'->>'id' = ${chat.transfer.id}`,
        ),
      );
    expect(chatFrames.length).toBe(1);
  });

  it('answers a double click with the first offer, storing one', async () => {
    const s = await scene();
    const body = { agentId: s.ben.id, note: 'twice' };
    const [a, b] = await Promise.all([offer(s, body), offer(s, body)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().transfer.id).toBe(b.json().transfer.id);
    const stored = await t.db.select().from(transfers).where(eq(transfers.chatId, s.chatId));
    expect(stored.length).toBe(1);
    expect((await eventsOf(s.chatId, 'transferred')).length).toBe(1);
  });

  it('refuses a second, different offer while one is open', async () => {
    const s = await scene();
    await offerToBen(s);
    const res = await offer(s, { departmentId: s.two.id, note: 'other' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/already has an open transfer offer/);
  });

  it('refuses what cannot be transferred, each with its reason', async () => {
    const s = await scene();
    const expectConflict = async (body: Record<string, unknown>, detail: RegExp) => {
      const res = await offer(s, body);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().detail).toMatch(detail);
    };
    await expectConflict({ agentId: s.ana.id }, /Ana Sender already has this chat/);
    await expectConflict({ agentId: s.cleo.id }, /Cleo Elsewhere does not work in Dept/);
    await expectConflict(
      { agentId: s.ben.id, departmentId: s.two.id },
      /Ben Receiver does not work in Dept/,
    );
    await expectConflict({ agentId: s.idle.id }, /Idle Ida is not available/);
    const lonely = await makeChannel(t.db);
    await expectConflict({ departmentId: lonely.department.id }, /Nobody in Dept .* is available/);

    await t.presence.disconnected(s.ben.id);
    await expectConflict({ agentId: s.ben.id }, /Ben Receiver is offline/);
    await t.presence.connected(s.ben.id);

    await t.db.update(staff).set({ capacity: 1 }).where(eq(staff.id, s.ben.id));
    await giveLiveChat(s.ben.id);
    await expectConflict({ agentId: s.ben.id }, /Ben Receiver is at capacity \(1\/1\)/);
    // With Ben full, department one has nobody but Ana, who holds the chat.
    await expectConflict({ departmentId: s.one.id }, /Nobody in Dept/);

    expect(await t.db.select().from(transfers).where(eq(transfers.chatId, s.chatId))).toEqual([]);
  });

  it('refuses a pending or flagged chat', async () => {
    const s = await scene();
    expect((await post(`/api/chats/${s.chatId}/pending`, s.ana.cookie)).statusCode).toBe(200);
    let res = await offer(s, { agentId: s.ben.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('Only a live chat can be transferred (this one is pending).');
    expect((await post(`/api/chats/${s.chatId}/resume`, s.ana.cookie)).statusCode).toBe(200);
    expect((await post(`/api/chats/${s.chatId}/flag`, s.ana.cookie)).statusCode).toBe(200);
    res = await offer(s, { agentId: s.ben.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('A flagged chat cannot be transferred. Un-flag it first.');
  });

  it('names the field for an unknown agent or department, or when neither is given (422)', async () => {
    const s = await scene();
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [body, field] of [
      [{ agentId: unknown }, 'agentId'],
      [{ agentId: 'nobody' }, 'agentId'],
      [{ departmentId: unknown }, 'departmentId'],
      [{ note: 'to whom?' }, 'agentId'],
    ] as const) {
      const res = await offer(s, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('lets only the chat’s agent or a supervisor transfer: others get 404 or 403', async () => {
    const s = await scene();
    // Idle Ida cannot see Ana's live chat at all.
    expect((await offer(s, { agentId: s.ben.id }, s.idle.cookie)).statusCode).toBe(404);
    expect((await get(`/api/chats/${s.chatId}/transfer-targets`, s.idle.cookie)).statusCode).toBe(
      404,
    );
    // A queued chat is visible to its department, but only a supervisor or its agent transfers.
    const { channel } = await makeChannel(t.db);
    const { chatId: queued } = await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from: uniquePhone(),
      text: 'anyone?',
    });
    const [row] = await t.db.select().from(chats).where(eq(chats.id, queued));
    const member = await makeStaff(t.db, { departments: [] });
    await t.db.execute(
      sql`insert into staff_departments (staff_id, department_id) values (${member.id}, ${row!.departmentId})`,
    );
    const memberCookie = await signIn(t.app, member.email);
    expect((await get(`/api/chats/${queued}`, memberCookie)).statusCode).toBe(200);
    const refused = await post(`/api/chats/${queued}/transfer`, memberCookie, {
      agentId: s.ben.id,
    });
    expect(refused.statusCode).toBe(403);

    // A supervisor transfers Ana's chat; it returns to Ana, and both hear a rejection.
    const res = await offer(s, { agentId: s.ben.id, note: 'from the floor' }, s.sup.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().transfer).toMatchObject({
      from: { id: s.ana.id },
      offeredBy: { id: s.sup.id },
    });
    const id = res.json().transfer.id;
    expect(
      (await post(`/api/transfers/${id}/reject`, s.ben.cookie, { reason: 'busy' })).statusCode,
    ).toBe(200);
    expect((await bellOf(s.ana.id, 'transfer_rejected')).length).toBe(1);
    expect((await bellOf(s.sup.id, 'transfer_rejected')).length).toBe(1);
  });
});

describe('through an API token', () => {
  /** A token of the staff member, written as an admin's creation would. */
  async function bearer(staffId: string, scopes: ('read' | 'chats:write')[]) {
    const token = `pat_${randomBytes(32).toString('base64url')}`;
    await t.db.insert(apiTokens).values({
      name: 'transfers test',
      tokenHash: createHash('sha256').update(token).digest('hex'),
      staffId,
      scopes,
    });
    return { authorization: `Bearer ${token}` };
  }

  it('transfers and answers with chats:write; a read-only token only reads', async () => {
    const s = await scene();
    const readOnly = await bearer(s.ana.id, ['read']);
    const writer = await bearer(s.ana.id, ['read', 'chats:write']);
    const url = `/api/chats/${s.chatId}/transfer`;
    const payload = { agentId: s.ben.id, note: 'by script' };
    const refused = await t.app.inject({ method: 'POST', url, headers: readOnly, payload });
    expect(refused.statusCode).toBe(403);
    const targets = await t.app.inject({
      url: `/api/chats/${s.chatId}/transfer-targets`,
      headers: readOnly,
    });
    expect(targets.statusCode).toBe(200);
    const done = await t.app.inject({ method: 'POST', url, headers: writer, payload });
    expect(done.statusCode, done.body).toBe(200);
    const id = done.json().transfer.id;
    const benReads = await bearer(s.ben.id, ['read']);
    const accept = `/api/transfers/${id}/accept`;
    expect(
      (await t.app.inject({ method: 'POST', url: accept, headers: benReads })).statusCode,
    ).toBe(403);
    const benWrites = await bearer(s.ben.id, ['read', 'chats:write']);
    expect(
      (await t.app.inject({ method: 'POST', url: accept, headers: benWrites })).statusCode,
    ).toBe(200);
  });
});

describe('where a chat can go', () => {
  it('lists open departments with how many could take it, and colleagues with room and their load', async () => {
    const s = await scene();
    await giveLiveChat(s.ben.id);
    const res = await get(`/api/chats/${s.chatId}/transfer-targets`, s.ana.cookie);
    expect(res.statusCode).toBe(200);
    const targets = res.json();
    const ids = targets.agents.map((a: { id: string }) => a.id);
    expect(ids).toContain(s.ben.id);
    expect(ids).toContain(s.cleo.id);
    expect(ids).not.toContain(s.ana.id);
    expect(ids).not.toContain(s.idle.id);
    expect(targets.agents.find((a: { id: string }) => a.id === s.ben.id)).toMatchObject({
      name: 'Ben Receiver',
      load: 1,
      capacity: 5,
      departmentIds: [s.one.id],
    });
    expect(targets.departments.find((d: { id: string }) => d.id === s.one.id)).toMatchObject({
      name: s.one.name,
      available: 1,
    });
    await t.presence.disconnected(s.cleo.id);
    const later = (await get(`/api/chats/${s.chatId}/transfer-targets`, s.ana.cookie)).json();
    expect(later.agents.map((a: { id: string }) => a.id)).not.toContain(s.cleo.id);
    expect(later.departments.find((d: { id: string }) => d.id === s.two.id).available).toBe(0);
  });
});

describe('answering an offer', () => {
  it('accepts: the chat moves to the receiver, the sender is free of it', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    const res = await post(`/api/transfers/${id}/accept`, s.ben.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      assignee: { id: s.ben.id },
      transfer: null,
      status: 'live',
    });
    expect((await get(`/api/chats/${s.chatId}`, s.ana.cookie)).statusCode).toBe(404);
    const [customer] = await t.db.select().from(customers).where(eq(customers.id, s.customerId));
    expect(customer?.lastAgentId).toBe(s.ben.id);
    const [event] = await eventsOf(s.chatId, 'transfer_accepted');
    expect(event?.data).toMatchObject({ from: { id: s.ana.id }, to: { id: s.ben.id } });
    expect(await transferRow(id)).toMatchObject({ state: 'accepted', answeredById: s.ben.id });
    const updated = await t.db
      .select()
      .from(realtimeFrames)
      .where(
        and(
          eq(realtimeFrames.type, 'chat.updated'),
          sql`${realtimeFrames.data}->>'id' = ${s.chatId}`,
          sql`${realtimeFrames.data}->'assignee'->>'id' = ${s.ben.id}`,
        ),
      );
    expect(updated[0]?.rooms).toEqual(
      expect.arrayContaining([rooms.staff(s.ana.id), rooms.staff(s.ben.id)]),
    );
    // Answered: no longer in anyone's lists; a reject now is refused.
    expect((await get('/api/transfers', s.ben.cookie)).json().incoming).toEqual([]);
    expect((await get('/api/transfers', s.ana.cookie)).json().outgoing).toEqual([]);
    const late = await post(`/api/transfers/${id}/reject`, s.ben.cookie, { reason: 'oops' });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toBe('This offer was already accepted.');
  });

  it('answers a double-clicked accept with the same chat and one assignment', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    const [a, b] = await Promise.all([
      post(`/api/transfers/${id}/accept`, s.ben.cookie),
      post(`/api/transfers/${id}/accept`, s.ben.cookie),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().assignee.id).toBe(s.ben.id);
    expect(b.json().assignee.id).toBe(s.ben.id);
    expect((await eventsOf(s.chatId, 'transfer_accepted')).length).toBe(1);
  });

  it('lets exactly one of a department’s members take a department offer', async () => {
    const s = await scene();
    const dana = await colleague([s.one.name], 'Dana Too');
    const res = await offer(s, { departmentId: s.one.id, note: 'anyone in one' });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().transfer.id;
    expect(res.json().transfer).toMatchObject({ toAgent: null, toDepartment: { id: s.one.id } });
    // Every member who could take it hears the bell; the sender does not.
    expect((await bellOf(s.ben.id, 'transfer_offer')).length).toBe(1);
    expect((await bellOf(dana.id, 'transfer_offer')).length).toBe(1);
    expect((await bellOf(s.ana.id, 'transfer_offer')).length).toBe(0);
    expect(
      (await get('/api/transfers', dana.cookie)).json().incoming.map((x: { id: string }) => x.id),
    ).toContain(id);
    // Someone outside the department cannot see it.
    expect((await post(`/api/transfers/${id}/accept`, s.cleo.cookie)).statusCode).toBe(404);
    // The sender is in the department too, but does not take their own offer.
    expect((await post(`/api/transfers/${id}/accept`, s.ana.cookie)).statusCode).toBe(403);
    const [frame] = await transferFrames(id);
    expect(frame?.rooms).toContain(rooms.department(s.one.id));
    expect(frame?.data).toMatchObject({
      state: 'offered',
      preview: { customer: { name: 'Thandi' }, messages: [{ text: 'My parcel is lost' }] },
    });
    const [a, b] = await Promise.all([
      post(`/api/transfers/${id}/accept`, s.ben.cookie),
      post(`/api/transfers/${id}/accept`, dana.cookie),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().detail).toBe('This offer was already accepted.');
    expect((await eventsOf(s.chatId, 'transfer_accepted')).length).toBe(1);
  });

  it('moves the chat into the named department when an agent there accepts', async () => {
    const s = await scene();
    const res = await offer(s, { agentId: s.cleo.id, departmentId: s.two.id });
    expect(res.statusCode, res.body).toBe(200);
    const accepted = await post(`/api/transfers/${res.json().transfer.id}/accept`, s.cleo.cookie);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      assignee: { id: s.cleo.id },
      department: { id: s.two.id },
    });
  });

  it('refuses a receiver at capacity (409) and leaves the offer open', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    await t.db.update(staff).set({ capacity: 1 }).where(eq(staff.id, s.ben.id));
    await giveLiveChat(s.ben.id);
    const res = await post(`/api/transfers/${id}/accept`, s.ben.cookie);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/You are at capacity \(1\/1\)/);
    expect((await transferRow(id)).state).toBe('offered');
  });

  it('keeps the offer to its receiver: the sender and a supervisor get 403, others 404', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    expect((await post(`/api/transfers/${id}/accept`, s.ana.cookie)).statusCode).toBe(403);
    expect((await post(`/api/transfers/${id}/accept`, s.sup.cookie)).statusCode).toBe(403);
    expect((await post(`/api/transfers/${id}/reject`, s.ana.cookie, {})).statusCode).toBe(403);
    expect((await post(`/api/transfers/${id}/accept`, s.idle.cookie)).statusCode).toBe(404);
    expect((await post(`/api/transfers/${id}/acknowledge`, s.idle.cookie)).statusCode).toBe(404);
    expect((await post(`/api/transfers/${id}/acknowledge`, s.ben.cookie)).statusCode).toBe(403);
    expect((await post('/api/transfers/not-an-id/accept', s.ben.cookie)).statusCode).toBe(404);
  });

  it('rejects with a reason: the sender hears it, sees it until they acknowledge, and a repeat answers the first', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    const res = await post(`/api/transfers/${id}/reject`, s.ben.cookie, { reason: 'Not my area' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id,
      state: 'rejected',
      reason: 'Not my area',
      answeredBy: { id: s.ben.id },
    });
    const again = await post(`/api/transfers/${id}/reject`, s.ben.cookie, { reason: 'changed' });
    expect(again.statusCode).toBe(200);
    expect(again.json().reason).toBe('Not my area');
    expect((await get(`/api/chats/${s.chatId}`, s.ana.cookie)).json()).toMatchObject({
      transfer: null,
      assignee: { id: s.ana.id },
    });
    const [event] = await eventsOf(s.chatId, 'transfer_rejected');
    expect(event?.data).toEqual({ reason: 'Not my area' });
    const [bell] = await bellOf(s.ana.id, 'transfer_rejected');
    expect(bell?.data).toMatchObject({ transferId: id, reason: 'Not my area' });
    expect((await post(`/api/transfers/${id}/accept`, s.ben.cookie)).statusCode).toBe(409);

    const outgoing = (await get('/api/transfers', s.ana.cookie)).json().outgoing;
    expect(outgoing.map((x: { id: string }) => x.id)).toEqual([id]);
    expect((await post(`/api/transfers/${id}/acknowledge`, s.ana.cookie)).statusCode).toBe(204);
    expect((await post(`/api/transfers/${id}/acknowledge`, s.ana.cookie)).statusCode).toBe(204);
    expect((await get('/api/transfers', s.ana.cookie)).json().outgoing).toEqual([]);
    // Offered again, to the same colleague, it is a new offer.
    const next = await offerToBen(s);
    expect(next).not.toBe(id);
  });

  it('refuses to acknowledge an offer still open (409)', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    const res = await post(`/api/transfers/${id}/acknowledge`, s.ana.cookie);
    expect(res.statusCode).toBe(409);
  });

  it('rejects without a body', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/transfers/${id}/reject`,
      headers: { cookie: s.ben.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().reason).toBeNull();
  });
});

describe('an offer the chat leaves behind', () => {
  for (const [how, act] of [
    ['closed', (s: Scene) => post(`/api/chats/${s.chatId}/close`, s.ana.cookie, {})],
    ['marked pending', (s: Scene) => post(`/api/chats/${s.chatId}/pending`, s.ana.cookie)],
    ['flagged', (s: Scene) => post(`/api/chats/${s.chatId}/flag`, s.ana.cookie)],
    [
      'assigned to someone else by a supervisor',
      (s: Scene) => post(`/api/chats/${s.chatId}/assign`, s.sup.cookie, { agentId: s.ben.id }),
    ],
  ] as const)
    it(`is withdrawn when the chat is ${how}`, async () => {
      const s = await scene();
      const id = await offerToBen(s);
      const res = await act(s);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().transfer).toBeNull();
      const row = await transferRow(id);
      expect(row.state).toBe('withdrawn');
      expect(row.reason).toMatch(/^The chat (was|went)/);
      const frames = await transferFrames(id);
      expect(frames.map((f) => (f.data as { state: string }).state)).toEqual([
        'offered',
        'withdrawn',
      ]);
      const accept = await post(`/api/transfers/${id}/accept`, s.ben.cookie);
      expect(accept.statusCode).toBe(409);
      expect(accept.json().detail).toMatch(/^This offer was withdrawn: The chat/);
    });

  it('is withdrawn when the customer ends the chat', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    await receiveInbound(deps(), {
      channelId: s.channelId,
      providerMessageId: mid(),
      from: s.from,
      text: '//end',
    });
    expect(await transferRow(id)).toMatchObject({
      state: 'withdrawn',
      reason: 'The chat was closed.',
    });
    expect((await get('/api/transfers', s.ben.cookie)).json().incoming).toEqual([]);
  });

  it('is withdrawn when the sender’s chats go back to the queue', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    await t.presence.disconnected(s.ben.id);
    await returnAgentChatsToQueue(deps(), s.ana.id, systemPrincipal('test'));
    expect(await transferRow(id)).toMatchObject({
      state: 'withdrawn',
      reason: 'The chat went back to the queue.',
    });
    const [chat] = await t.db.select().from(chats).where(eq(chats.id, s.chatId));
    expect(chat?.openTransfer).toBeNull();
  });

  it('is withdrawn, not taken, when the chat changed hands without telling it', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    // As if an older node moved the chat without the hook: the accept still checks.
    await t.db.update(chats).set({ assigneeId: s.idle.id }).where(eq(chats.id, s.chatId));
    const res = await post(`/api/transfers/${id}/accept`, s.ben.cookie);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('This offer was withdrawn: The chat changed hands.');
    expect(await transferRow(id)).toMatchObject({ state: 'withdrawn' });
    const [chat] = await t.db.select().from(chats).where(eq(chats.id, s.chatId));
    expect(chat?.openTransfer).toBeNull();
    expect(chat?.assigneeId).toBe(s.idle.id);
  });
});

/** What the timer worker hands a timer: a clock and the settings. */
async function timerContext(now: Date): Promise<TimerContext> {
  return { now, settings: await readSettings(t.db), ms: (minutes) => minutes * 60_000 };
}

/** Fires the offer timer for one transfer as the worker would: in a transaction of its own. */
export async function fireTransferTimer(id: string, now: Date): Promise<boolean> {
  const ctx = await timerContext(now);
  return transact(deps(), (tx, emit) => transferOfferTimer.fire(tx, emit, id, ctx));
}

describe('an offer nobody answers', () => {
  it('is not due before its time, and returns to the sender once, after it', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    const row = await transferRow(id);
    const before = await timerContext(new Date(row.expiresAt.getTime() - 1000));
    expect(await transferOfferTimer.findDue(t.db, before, 1000)).not.toContain(id);
    expect(await fireTransferTimer(id, before.now)).toBe(false);

    const after = new Date(row.expiresAt.getTime() + 1000);
    expect(await transferOfferTimer.findDue(t.db, await timerContext(after), 1000)).toContain(id);
    expect(await fireTransferTimer(id, after)).toBe(true);
    expect(await fireTransferTimer(id, after)).toBe(false);

    expect(await transferRow(id)).toMatchObject({ state: 'returned' });
    expect((await get(`/api/chats/${s.chatId}`, s.ana.cookie)).json()).toMatchObject({
      transfer: null,
      assignee: { id: s.ana.id },
    });
    expect((await eventsOf(s.chatId, 'transfer_returned')).length).toBe(1);
    expect((await bellOf(s.ana.id, 'transfer_returned')).length).toBe(1);
    expect((await transferFrames(id)).map((f) => (f.data as { state: string }).state)).toEqual([
      'offered',
      'returned',
    ]);
    const outgoing = (await get('/api/transfers', s.ana.cookie)).json().outgoing;
    expect(outgoing).toMatchObject([{ id, state: 'returned' }]);
    expect(await transferOfferTimer.findDue(t.db, await timerContext(after), 1000)).not.toContain(
      id,
    );
    const accept = await post(`/api/transfers/${id}/accept`, s.ben.cookie);
    expect(accept.statusCode).toBe(409);
    expect(accept.json().detail).toBe('This offer was already returned.');
  });

  it('returns exactly once when two workers race for it', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    const after = new Date((await transferRow(id)).expiresAt.getTime() + 1000);
    const fired = await Promise.all([fireTransferTimer(id, after), fireTransferTimer(id, after)]);
    expect(fired.filter(Boolean).length).toBe(1);
    expect((await eventsOf(s.chatId, 'transfer_returned')).length).toBe(1);
    expect((await bellOf(s.ana.id, 'transfer_returned')).length).toBe(1);
  });

  it('does not return an offer already accepted', async () => {
    const s = await scene();
    const id = await offerToBen(s);
    const after = new Date((await transferRow(id)).expiresAt.getTime() + 1000);
    const [accepted, fired] = await Promise.all([
      post(`/api/transfers/${id}/accept`, s.ben.cookie),
      fireTransferTimer(id, after),
    ]);
    // Whichever came first wins; the other changes nothing.
    if (accepted.statusCode === 200) expect(fired).toBe(false);
    else expect(fired).toBe(true);
    expect(['accepted', 'returned']).toContain((await transferRow(id)).state);
  });
});

describe('the bell', () => {
  it('collects offers, rejections and returns; reading it resets the count on every tab', async () => {
    const s = await scene();
    const first = await offerToBen(s);
    await post(`/api/transfers/${first}/reject`, s.ben.cookie, { reason: 'no' });
    const second = await offerToBen(s, 'again');
    const after = new Date((await transferRow(second)).expiresAt.getTime() + 1000);
    expect(await fireTransferTimer(second, after)).toBe(true);

    const anaBell = (await get('/api/notifications', s.ana.cookie)).json();
    expect(anaBell.items.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'transfer_rejected',
      'transfer_returned',
    ]);
    expect(anaBell.unread).toBe(2);
    const benBell = (await get('/api/notifications', s.ben.cookie)).json();
    expect(benBell.items.map((n: { kind: string }) => n.kind)).toEqual([
      'transfer_offer',
      'transfer_offer',
    ]);

    expect((await post('/api/notifications/read', s.ana.cookie)).statusCode).toBe(204);
    const read = (await get('/api/notifications', s.ana.cookie)).json();
    expect(read.unread).toBe(0);
    expect(read.items.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true);
    const frames = await t.db
      .select()
      .from(realtimeFrames)
      .where(
        and(
          eq(realtimeFrames.type, 'notifications.read'),
          sql`${rooms.staff(s.ana.id)} = any(${realtimeFrames.rooms})`,
        ),
      );
    expect(frames.length).toBe(1);
    expect((await get('/api/notifications', s.ben.cookie)).json().unread).toBe(2);
  });
});
