import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages, realtimeFrames } from '../../db/schema.ts';
import { testApp, type TestApp, uniquePhone } from '../../test/harness.ts';
import { widgetClient } from './widget.test-support.ts';

let t: TestApp;
let w: ReturnType<typeof widgetClient>;

beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  w = widgetClient(t);
});

/** A live web chat with two replies from its agent. */
async function chatWithReplies() {
  const desk = await w.webchat();
  const { cookie } = await w.start(desk.channel.id, { phone: uniquePhone(), name: 'Naledi' });
  const sent = await w.send(desk.channel.id, cookie, 'Hello?', `c-${Math.random()}`);
  const chatId = sent.json().chatId as string;
  const first = await w.agentReply(chatId, desk.agentCookie, 'Hi, Sam here');
  const second = await w.agentReply(chatId, desk.agentCookie, 'How can I help?');
  expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
  return {
    ...desk,
    cookie,
    chatId,
    first: first.json().id as string,
    second: second.json().id as string,
  };
}

const seen = (channelId: string, cookie: string, payload: Record<string, unknown>) =>
  w.post(`/api/widget/${channelId}/seen`, cookie, payload);

const statuses = async (chatId: string, cookie: string) => {
  const res = await t.app.inject({ url: `/api/chats/${chatId}/messages`, headers: { cookie } });
  return Object.fromEntries(
    (res.json().items as { id: string; status: string }[]).map((m) => [m.id, m.status]),
  );
};

const updateFrames = async (chatId: string) =>
  (
    await t.db.select().from(realtimeFrames).where(eq(realtimeFrames.type, 'message.updated'))
  ).filter((f) => (f.data as { chatId?: string }).chatId === chatId);

describe('"seen" from the widget', () => {
  it('marks the agent’s replies up to the one shown as read, kept for the desk; once', async () => {
    const c = await chatWithReplies();
    const before = (await updateFrames(c.chatId)).length;
    const answer = await seen(c.channel.id, c.cookie, { messageId: c.second });
    expect(answer.statusCode).toBe(204);
    const after = await statuses(c.chatId, c.agentCookie);
    expect(after[c.first]).toBe('read');
    expect(after[c.second]).toBe('read');
    const told = (await updateFrames(c.chatId)).length;
    // Both replies (and the greeting before them, if any) were told to the desk.
    expect(told - before).toBeGreaterThanOrEqual(2);
    // Again: nothing changes, nothing more is told.
    expect((await seen(c.channel.id, c.cookie, { messageId: c.second })).statusCode).toBe(204);
    expect(await updateFrames(c.chatId)).toHaveLength(told);
  });

  it('only up to the message shown, and never moves a failed reply', async () => {
    const c = await chatWithReplies();
    await t.db
      .update(messages)
      .set({ status: 'failed', failureReason: 'Channel disabled.' })
      .where(eq(messages.id, c.first));
    const third = await w.agentReply(c.chatId, c.agentCookie, 'Still there?');
    expect((await seen(c.channel.id, c.cookie, { messageId: c.second })).statusCode).toBe(204);
    const after = await statuses(c.chatId, c.agentCookie);
    expect(after[c.first]).toBe('failed');
    expect(after[c.second]).toBe('read');
    expect(after[third.json().id as string]).toBe('sent');
  });

  it('only the chat’s own visitor: another session 404, none 401, a bad body 400', async () => {
    const c = await chatWithReplies();
    const other = await w.start(c.channel.id, { phone: uniquePhone(), name: 'Other' });
    expect((await seen(c.channel.id, other.cookie, { messageId: c.second })).statusCode).toBe(404);
    expect((await seen(c.channel.id, '', { messageId: c.second })).statusCode).toBe(401);
    expect((await seen(c.channel.id, c.cookie, { messageId: 'nope' })).statusCode).toBe(400);
    expect((await seen(c.channel.id, c.cookie, {})).statusCode).toBe(400);
    const unchanged = await t.db
      .select({ status: messages.status })
      .from(messages)
      .where(and(eq(messages.chatId, c.chatId), eq(messages.direction, 'out')));
    expect(unchanged.map((m) => m.status)).not.toContain('read');
  });
});

describe('the widget’s first question', () => {
  it('says whether there is a session without a 401', async () => {
    const desk = await w.webchat();
    const none = await t.app.inject({ url: `/api/widget/${desk.channel.id}/session` });
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ active: false });
    const { cookie } = await w.start(desk.channel.id, { phone: uniquePhone(), name: 'Naledi' });
    const some = await t.app.inject({
      url: `/api/widget/${desk.channel.id}/session`,
      headers: { cookie },
    });
    expect(some.json()).toEqual({ active: true });
    const forged = await t.app.inject({
      url: `/api/widget/${desk.channel.id}/session`,
      headers: { cookie: 'parley_widget=forged' },
    });
    expect(forged.json()).toEqual({ active: false });
    const unknown = await t.app.inject({ url: '/api/widget/no-such-channel/session' });
    expect(unknown.statusCode).toBe(404);
  });
});
