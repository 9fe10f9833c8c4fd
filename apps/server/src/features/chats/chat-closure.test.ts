import { randomUUID } from 'node:crypto';
import type { Chat } from '@parley/contract';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chats, wrapUpTags } from '../../db/schema.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { receiveInbound } from './inbound.service.ts';

/*
 * A closed chat says how it ended and who closed it (`closure`), in its own answer, in the
 * Closed list and in the frame that announces the close; an open chat says nothing of the kind.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const quiet = () => ({ db: t.db, notifier: { wake: () => undefined }, presence: t.presence });
const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
const post = (url: string, cookie: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });

/** A live chat held by Lerato, of a fresh channel and department. */
async function liveChat() {
  const { channel, department } = await makeChannel(t.db);
  const lerato = await makeStaff(t.db, { departments: [department.name], name: 'Lerato Mokoena' });
  const sup = await makeStaff(t.db, { role: 'supervisor' });
  const other = await makeStaff(t.db, { name: 'Other Agent' });
  const from = uniquePhone();
  const { chatId } = await receiveInbound(quiet(), {
    channelId: channel.id,
    providerMessageId: `cl-${randomUUID()}`,
    from,
    text: 'Hello?',
  });
  const supCookie = await signIn(t.app, sup.email);
  expect(
    (await post(`/api/chats/${chatId}/assign`, supCookie, { agentId: lerato.id })).statusCode,
  ).toBe(200);
  return {
    chatId,
    channel,
    from,
    lerato,
    leratoCookie: await signIn(t.app, lerato.email),
    otherCookie: await signIn(t.app, other.email),
  };
}

describe('how a closed chat ended', () => {
  it('names the colleague who closed it, with the wrap-up tag; the Closed list says the same', async () => {
    const c = await liveChat();
    const tag = `Refund ${randomUUID().slice(0, 6)}`;
    await t.db.insert(wrapUpTags).values({ name: tag });
    const open = (await get(`/api/chats/${c.chatId}`, c.leratoCookie)).json() as Chat;
    expect(open.closure).toBeUndefined();

    const closed = await post(`/api/chats/${c.chatId}/close`, c.leratoCookie, {
      sentiment: 'positive',
      tag,
    });
    expect(closed.statusCode).toBe(200);
    const expected = {
      by: 'staff',
      staff: { id: c.lerato.id, name: 'Lerato Mokoena', role: 'agent' },
      tag,
    };
    expect((closed.json() as Chat).closure).toEqual(expected);
    const read = (await get(`/api/chats/${c.chatId}`, c.leratoCookie)).json() as Chat;
    expect(read).toMatchObject({ status: 'closed', sentiment: 'positive', closure: expected });
    const list = (await get('/api/chats?view=closed', c.leratoCookie)).json() as {
      items: Chat[];
    };
    expect(list.items.find((chat) => chat.id === c.chatId)?.closure).toEqual(expected);
  });

  it('says the customer ended it when they wrote //end', async () => {
    const c = await liveChat();
    await receiveInbound(quiet(), {
      channelId: c.channel.id,
      providerMessageId: `cl-${randomUUID()}`,
      from: c.from,
      text: '//end',
    });
    const read = (await get(`/api/chats/${c.chatId}`, c.leratoCookie)).json() as Chat;
    expect(read).toMatchObject({
      status: 'closed',
      closure: { by: 'customer', staff: null, tag: null },
    });
  });

  it('tells nothing to a colleague who may not read the chat', async () => {
    const c = await liveChat();
    expect((await post(`/api/chats/${c.chatId}/close`, c.otherCookie, {})).statusCode).toBe(404);
    const [row] = await t.db.select().from(chats).where(eq(chats.id, c.chatId));
    expect(row!.status).toBe('live');
    expect((await get(`/api/chats/${c.chatId}`, c.otherCookie)).statusCode).toBe(404);
  });
});
