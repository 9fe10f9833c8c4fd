import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chats, customers, events, messages } from '../../db/schema.ts';
import { makeChannel, makeStaff, testApp, type TestApp, uniquePhone } from '../../test/harness.ts';
import { receiveInbound } from './inbound.service.ts';

let t: TestApp;
const deps = () => ({ db: t.db, notifier: { wake: () => undefined }, presence: t.presence });
const mid = () => `m-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  t = await testApp();
});

describe('a customer writes in', () => {
  it('creates the customer, a queued chat, the message and the queued event in one go', async () => {
    const { channel } = await makeChannel(t.db);
    const phone = uniquePhone();
    const reply = await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from: phone,
      text: 'Hello',
      name: 'Thandi',
    });
    expect(reply).toMatchObject({ accepted: true, duplicate: false });
    const [customer] = await t.db.select().from(customers).where(eq(customers.phone, phone));
    expect(customer?.name).toBe('Thandi');
    const [chat] = await t.db.select().from(chats).where(eq(chats.id, reply.chatId));
    expect(chat).toMatchObject({ status: 'queued', customerId: customer?.id, assigneeId: null });
    const rows = await t.db.select().from(messages).where(eq(messages.chatId, reply.chatId));
    // Nobody could take it: the customer hears they wait, and where.
    expect(rows.map((m) => [m.direction, m.text, m.status])).toEqual([
      ['in', 'Hello', 'received'],
      [
        'out',
        'All our agents are busy. You are number 1 in the queue; please stay with us.',
        'queued',
      ],
    ]);
    const evs = await t.db.select().from(events).where(eq(events.chatId, reply.chatId));
    expect(evs.map((e) => e.type)).toEqual(['queued']);
  });

  it('finds the same customer whatever way the number is written', async () => {
    const { channel } = await makeChannel(t.db);
    const e164 = uniquePhone();
    const national = `0${e164.slice(3)}`;
    const spaced = `+27 ${e164.slice(3, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`;
    const bare = e164.slice(1);
    const ids = new Set<string>();
    for (const from of [e164, national, spaced, bare]) {
      const r = await receiveInbound(deps(), {
        channelId: channel.id,
        providerMessageId: mid(),
        from,
        text: from,
      });
      ids.add(r.chatId);
    }
    expect(ids.size).toBe(1);
    expect(await t.db.select().from(customers).where(eq(customers.phone, e164))).toHaveLength(1);
  });

  it('acknowledges a repeated provider id as a duplicate and stores nothing new', async () => {
    const { channel } = await makeChannel(t.db);
    const id = mid();
    const input = {
      channelId: channel.id,
      providerMessageId: id,
      from: uniquePhone(),
      text: 'once',
    };
    const first = await receiveInbound(deps(), input);
    const again = await receiveInbound(deps(), input);
    const concurrent = await Promise.all([
      receiveInbound(deps(), input),
      receiveInbound(deps(), input),
    ]);
    expect(again).toEqual({ accepted: true, duplicate: true, chatId: first.chatId });
    for (const r of concurrent) expect(r).toMatchObject({ duplicate: true, chatId: first.chatId });
    expect(
      await t.db.select().from(messages).where(eq(messages.providerMessageId, id)),
    ).toHaveLength(1);
  });

  it('refuses an unreadable number with 422 and stores nothing', async () => {
    const { channel } = await makeChannel(t.db);
    const id = mid();
    await expect(
      receiveInbound(deps(), {
        channelId: channel.id,
        providerMessageId: id,
        from: '082 123 456',
        text: 'x',
      }),
    ).rejects.toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'from' })] });
    expect(
      await t.db.select().from(messages).where(eq(messages.providerMessageId, id)),
    ).toHaveLength(0);
  });

  it('keeps a name staff already gave the customer', async () => {
    const { channel } = await makeChannel(t.db);
    const phone = uniquePhone();
    await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from: phone,
      text: 'a',
      name: 'First',
    });
    await t.db.update(customers).set({ name: 'Set by staff' }).where(eq(customers.phone, phone));
    await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from: phone,
      text: 'b',
      name: 'Profile name',
    });
    const [c] = await t.db.select().from(customers).where(eq(customers.phone, phone));
    expect(c?.name).toBe('Set by staff');
  });
});

describe('customer keywords', () => {
  it('//end closes the chat as ended by the customer; the next message starts a new chat', async () => {
    const { channel } = await makeChannel(t.db);
    const from = uniquePhone();
    const first = await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from,
      text: 'hi',
    });
    await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from,
      text: ' //END ',
    });
    const [closed] = await t.db.select().from(chats).where(eq(chats.id, first.chatId));
    expect(closed?.status).toBe('closed');
    const evs = await t.db
      .select()
      .from(events)
      .where(and(eq(events.chatId, first.chatId), eq(events.type, 'ended_by_customer')));
    expect(evs).toHaveLength(1);
    expect(evs[0]?.actorKind).toBe('customer');
    const next = await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from,
      text: 'me again',
    });
    expect(next.chatId).not.toBe(first.chatId);
  });

  it('//stop opts out until the customer writes again', async () => {
    const { channel } = await makeChannel(t.db);
    const from = uniquePhone();
    await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from,
      text: '//stop',
    });
    const [out] = await t.db.select().from(customers).where(eq(customers.phone, from));
    expect(out?.optedOutAt).not.toBeNull();
    await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from,
      text: 'actually, help',
    });
    const [back] = await t.db.select().from(customers).where(eq(customers.phone, from));
    expect(back?.optedOutAt).toBeNull();
  });
});

describe('routing', () => {
  const online = async (...ids: string[]) => {
    for (const id of ids) await t.presence.connected(id);
  };
  const available = async (...people: { email: string }[]) => {
    for (const p of people) {
      const { signIn } = await import('../../test/harness.ts');
      const cookie = await signIn(t.app, p.email);
      await t.app.inject({
        method: 'PUT',
        url: '/api/me/availability',
        headers: { cookie },
        payload: { available: true },
      });
    }
  };
  const write = (channelId: string, from = uniquePhone()) =>
    receiveInbound(deps(), { channelId, providerMessageId: mid(), from, text: 'help' });
  const chatOf = async (id: string) => (await t.db.select().from(chats).where(eq(chats.id, id)))[0];

  it('waits in the queue when nobody is available and online', async () => {
    const { channel, department } = await makeChannel(t.db);
    const away = await makeStaff(t.db, { departments: [department.name] });
    await online(away.id); // online but not available
    const r = await write(channel.id);
    expect((await chatOf(r.chatId))?.status).toBe('queued');
  });

  it('goes to the least busy available agent, with an assigned-by-routing event', async () => {
    const { channel, department } = await makeChannel(t.db);
    const a = await makeStaff(t.db, { departments: [department.name] });
    const b = await makeStaff(t.db, { departments: [department.name] });
    await available(a, b);
    await online(a.id, b.id);
    const first = await chatOf((await write(channel.id)).chatId);
    const second = await chatOf((await write(channel.id)).chatId);
    expect(first?.status).toBe('live');
    expect(new Set([first?.assigneeId, second?.assigneeId])).toEqual(new Set([a.id, b.id]));
    const [ev] = await t.db
      .select()
      .from(events)
      .where(and(eq(events.chatId, first!.id), eq(events.type, 'assigned')));
    expect(ev?.data).toMatchObject({ by: 'routing', to: { id: first?.assigneeId } });
    expect(ev?.actorKind).toBe('system');
  });

  it('prefers the customer’s last agent when they have room', async () => {
    const { channel, department } = await makeChannel(t.db);
    const a = await makeStaff(t.db, { departments: [department.name] });
    const b = await makeStaff(t.db, { departments: [department.name] });
    await available(a, b);
    await online(a.id, b.id);
    const from = uniquePhone();
    const first = await chatOf((await write(channel.id, from)).chatId);
    // Make the last agent the busier one, then end the chat: the customer comes back.
    await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from,
      text: '//end',
    });
    await write(channel.id);
    const again = await chatOf((await write(channel.id, from)).chatId);
    expect(again?.assigneeId).toBe(first?.assigneeId);
  });

  it('never pushes an agent past capacity; the queue is served in arrival order when room frees', async () => {
    const { channel, department } = await makeChannel(t.db);
    const solo = await makeStaff(t.db, { departments: [department.name] });
    const { staff } = await import('../../db/schema.ts');
    await t.db.update(staff).set({ capacity: 2 }).where(eq(staff.id, solo.id));
    await available(solo);
    await online(solo.id);
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => write(channel.id)));
    const rows = await Promise.all(results.map((r) => chatOf(r.chatId)));
    expect(rows.filter((c) => c?.assigneeId === solo.id)).toHaveLength(2);
    const queued = rows.filter((c) => c?.status === 'queued');
    expect(queued).toHaveLength(3);
    // Arrival order as the database keeps it: microseconds, which a JavaScript Date rounds away.
    const [oldestQueued] = await t.db
      .select({ id: chats.id })
      .from(chats)
      .where(and(eq(chats.departmentId, department.id), eq(chats.status, 'queued')))
      .orderBy(asc(chats.queuedAt), asc(chats.id))
      .limit(1);
    const { signIn } = await import('../../test/harness.ts');
    const cookie = await signIn(t.app, solo.email);
    const live = rows.find((c) => c?.assigneeId === solo.id)!;
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/chats/${live.id}/close`,
      headers: { cookie },
      payload: {},
    });
    expect(closed.statusCode).toBe(200);
    expect((await chatOf(oldestQueued!.id))?.assigneeId).toBe(solo.id);
    const stillQueued = await t.db
      .select()
      .from(chats)
      .where(and(eq(chats.departmentId, department.id), eq(chats.status, 'queued')));
    expect(stillQueued).toHaveLength(2);
  });
});
