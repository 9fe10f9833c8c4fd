import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chats, chatTags, messages, outbox } from '../../db/schema.ts';
import { makeChannel, makeStaff, signIn, testApp, type TestApp } from '../../test/harness.ts';
import { makeQueuedReply } from '../channels/test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

/** A live webhook chat of an agent, with one reply the provider refused. */
async function failedReply(status: 'live' | 'closed' = 'live') {
  const { channel, department } = await makeChannel(t.db, {
    kind: 'webhook',
    settings: { outboundUrl: 'http://127.0.0.1:9/webhook' },
  });
  const agent = await makeStaff(t.db, { departments: [department.name] });
  const first = await makeQueuedReply(
    t.db,
    { id: channel.id, departmentId: department.id },
    {
      status: 'failed',
      withOutbox: false,
    },
  );
  await t.db
    .update(chats)
    .set({ assigneeId: agent.id, status, ...(status === 'closed' ? { closedAt: new Date() } : {}) })
    .where(eq(chats.id, first.chatId));
  await t.db
    .update(messages)
    .set({ failureReason: 'The provider answered 503.' })
    .where(eq(messages.id, first.message.id));
  await t.db.insert(outbox).values({ messageId: first.message.id, state: 'failed' });
  return {
    channel,
    department,
    agent,
    agentCookie: await signIn(t.app, agent.email),
    chatId: first.chatId,
    messageId: first.message.id,
  };
}

const retry = (chatId: string, messageId: string, cookie: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/chats/${chatId}/messages/${messageId}/retry`,
    headers: { cookie },
  });

const pendingSends = async (messageId: string) =>
  (await t.db.select().from(outbox).where(eq(outbox.messageId, messageId))).filter(
    (row) => row.state === 'pending',
  );

describe('retrying a failed reply', () => {
  it('shows the reason while failed, then queues it exactly once however many ask at once', async () => {
    const f = await failedReply();
    const list = await t.app.inject({
      url: `/api/chats/${f.chatId}/messages`,
      headers: { cookie: f.agentCookie },
    });
    expect(list.json().items.find((m: { id: string }) => m.id === f.messageId)).toMatchObject({
      status: 'failed',
      failureReason: 'The provider answered 503.',
    });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => retry(f.chatId, f.messageId, f.agentCookie)),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    const ok = answers.find((a) => a.statusCode === 200)!;
    expect(ok.json()).toMatchObject({ id: f.messageId, status: 'queued', failureReason: null });
    expect(await pendingSends(f.messageId)).toHaveLength(1);
    const conflict = answers.find((a) => a.statusCode === 409)!;
    expect(conflict.headers['content-type']).toContain('application/problem+json');
    // Once queued, another retry changes nothing.
    expect((await retry(f.chatId, f.messageId, f.agentCookie)).statusCode).toBe(409);
    expect(await pendingSends(f.messageId)).toHaveLength(1);
  });

  it('a supervisor may retry; a colleague tagged in (who may see, not manage) gets 403', async () => {
    const f = await failedReply();
    const tagged = await makeStaff(t.db, { departments: [f.department.name] });
    await t.db.insert(chatTags).values({ chatId: f.chatId, staffId: tagged.id });
    const taggedAnswer = await retry(f.chatId, f.messageId, await signIn(t.app, tagged.email));
    expect(taggedAnswer.statusCode).toBe(403);
    expect(await pendingSends(f.messageId)).toHaveLength(0);
    const boss = await makeStaff(t.db, { role: 'supervisor' });
    const bossAnswer = await retry(f.chatId, f.messageId, await signIn(t.app, boss.email));
    expect(bossAnswer.statusCode).toBe(200);
    expect(await pendingSends(f.messageId)).toHaveLength(1);
  });

  it('404 for whoever may not see the chat, and for a message that is not this chat’s reply', async () => {
    const f = await failedReply();
    const other = await failedReply();
    const stranger = await makeStaff(t.db, { departments: [f.department.name] });
    const strangerCookie = await signIn(t.app, stranger.email);
    expect((await retry(f.chatId, f.messageId, strangerCookie)).statusCode).toBe(404);
    // Another chat's message through this chat, an unknown id, a malformed one.
    expect((await retry(f.chatId, other.messageId, f.agentCookie)).statusCode).toBe(404);
    expect((await retry(f.chatId, crypto.randomUUID(), f.agentCookie)).statusCode).toBe(404);
    expect((await retry(f.chatId, 'nope', f.agentCookie)).statusCode).toBe(404);
    expect(await pendingSends(f.messageId)).toHaveLength(0);
    expect(await pendingSends(other.messageId)).toHaveLength(0);
  });

  it('409 for a reply that did not fail, and for a closed chat', async () => {
    const f = await failedReply();
    await t.db.update(messages).set({ status: 'sent' }).where(eq(messages.id, f.messageId));
    expect((await retry(f.chatId, f.messageId, f.agentCookie)).statusCode).toBe(409);
    const closed = await failedReply('closed');
    expect((await retry(closed.chatId, closed.messageId, closed.agentCookie)).statusCode).toBe(409);
    const [row] = await t.db.select().from(messages).where(eq(messages.id, closed.messageId));
    expect(row?.status).toBe('failed');
    expect(await pendingSends(closed.messageId)).toHaveLength(0);
  });
});
