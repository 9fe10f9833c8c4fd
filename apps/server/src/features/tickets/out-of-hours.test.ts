import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { businessHours, chats, events, messages, staff } from '../../db/schema.ts';
import {
  emptyDatabase,
  makeChannel,
  makeStaff,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { receiveInbound } from '../chats/index.ts';

/*
 * Outside the department's hours a new conversation becomes a ticket, whoever is available. The
 * department is open around the clock in Berlin except today, a holiday: it opens again at
 * midnight, which the customer is told in the words of the reply.
 */

const berlinToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
const allDay = [{ start: '00:00', end: '24:00' }];
const closeToday = (departmentId: string) =>
  t.db.insert(businessHours).values({
    departmentId,
    timeZone: 'Europe/Berlin',
    weekly: {
      mon: allDay,
      tue: allDay,
      wed: allDay,
      thu: allDay,
      fri: allDay,
      sat: allDay,
      sun: allDay,
    },
    holidays: [{ date: berlinToday(), name: 'Closing day' }],
  });
const openAgain = (departmentId: string) =>
  t.db.delete(businessHours).where(eq(businessHours.departmentId, departmentId));

let t: TestApp;
let database: Database;
beforeAll(async () => {
  database = await emptyDatabase();
  t = await testApp({ database, ticketWhenNobodyAvailable: 'setting' });
});
afterAll(async () => {
  await t.app.close();
  await database.close();
});

const quiet = { wake: () => undefined };
const write = async (channelId: string, from: string, text: string) =>
  (
    await receiveInbound(
      { db: t.db, presence: t.presence, notifier: quiet },
      { channelId, providerMessageId: `ooh-${Math.random()}`, from, text },
    )
  ).chatId;
const row = async (id: string) => (await t.db.select().from(chats).where(eq(chats.id, id)))[0]!;

describe('outside business hours', () => {
  it('a new conversation becomes a ticket (out_of_hours) with the opening in the auto-reply, even with an agent available', async () => {
    const { channel, department } = await makeChannel(t.db);
    const agent = await makeStaff(t.db, { departments: [department.name] });
    await t.db.update(staff).set({ available: true }).where(eq(staff.id, agent.id));
    await t.presence.connected(agent.id);
    await closeToday(department.id);
    const from = uniquePhone();
    const id = await write(channel.id, from, 'hello at night');
    expect(await row(id)).toMatchObject({
      kind: 'ticket',
      status: 'queued',
      assigneeId: null,
      ticketReason: 'out_of_hours',
    });
    const created = (await t.db.select().from(events).where(eq(events.chatId, id))).find(
      (e) => e.type === 'ticket_created',
    );
    expect(created?.data).toEqual({ reason: 'out_of_hours' });
    const reply = (await t.db.select().from(messages).where(eq(messages.chatId, id))).find(
      (m) => m.authorKind === 'system',
    );
    // Today is a holiday in Berlin: it opens again at midnight there.
    expect(reply?.text).toBe(
      "We're closed right now. We open again tomorrow at 00:00, and we'll answer your message then.",
    );

    // Writing again while closed joins the ticket; once open (and someone available) a live
    // chat starts and the ticket closes.
    expect(await write(channel.id, from, 'still there?')).toBe(id);
    await openAgain(department.id);
    const chatId = await write(channel.id, from, 'good morning');
    await t.presence.disconnected(agent.id);
    expect(chatId).not.toBe(id);
    expect(await row(id)).toMatchObject({ status: 'closed' });
    expect(await row(chatId)).toMatchObject({ kind: 'chat', status: 'live', assigneeId: agent.id });
  });
});
