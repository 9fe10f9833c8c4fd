import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordingSocket } from '../../test/socket.ts';
import { type AnyFrame, nextAddress, textIs, widgetClient } from './widget.test-support.ts';
import { chats, customers, events, messages, widgetSessions } from '../../db/schema.ts';
import { makeChannel, testApp, type TestApp, uniquePhone } from '../../test/harness.ts';
import { hashToken } from '../auth/auth.service.ts';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `127.0.0.1:${address.port}`;
});

/** A web-chat channel with an available, online agent in its department. */
const webchat = () => widgetClient(t).webchat();

async function startSession(channelId: string, phone: string, name = 'Naledi') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/widget/${channelId}/session`,
    payload: { phone, name },
    remoteAddress: nextAddress(),
  });
  const cookie = res.cookies.find((c) => c.name === 'parley_widget');
  return { res, cookie: cookie ? `parley_widget=${cookie.value}` : '', raw: cookie };
}

const widgetGet = (channelId: string, cookie: string) =>
  t.app.inject({ url: `/api/widget/${channelId}/messages`, headers: { cookie } });

const widgetSend = (channelId: string, cookie: string, text: string, clientId: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/widget/${channelId}/messages`,
    headers: { cookie },
    payload: { text, clientId },
  });

const agentReply = (chatId: string, cookie: string, text: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/chats/${chatId}/messages`,
    headers: { cookie },
    payload: { text, clientId: `a-${Math.random().toString(36).slice(2)}` },
  });

/** A widget socket that records every frame, with a way to wait for one that matches. */
const connect = (channelId: string, cookie: string | undefined, origin = `http://${base}`) =>
  recordingSocket<AnyFrame>(`ws://${base}/api/widget/${channelId}/realtime`, { origin, cookie });

describe('starting a widget session', () => {
  it('creates the customer and a session, with an HttpOnly cookie scoped to the channel', async () => {
    const { channel } = await webchat();
    const phone = uniquePhone();
    const local = `0${phone.slice(3)}`;
    const { res, raw } = await startSession(channel.id, local, '  Naledi  ');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      customer: { name: 'Naledi', phone: expect.stringMatching(/^\+27 \d\d \d{3} \d{4}$/) },
      chat: null,
      // A typed number proves nothing: the session is unverified.
      verified: false,
      canVerify: false,
    });
    // Frame-proof on this loopback host; widget.embed.test.ts covers the cookie's kinds.
    expect(raw).toMatchObject({
      httpOnly: true,
      sameSite: 'None',
      secure: true,
      path: `/api/widget/${channel.id}`,
    });
    const [customer] = await t.db.select().from(customers).where(eq(customers.phone, phone));
    expect(customer?.name).toBe('Naledi');
    const [session] = await t.db
      .select()
      .from(widgetSessions)
      .where(eq(widgetSessions.customerId, customer!.id));
    // Only the hash is kept: a database leak opens no one's chat.
    expect(session?.tokenHash).toBe(hashToken(raw!.value));
    expect(session?.channelId).toBe(channel.id);
  });

  it('keeps a name the customer already has', async () => {
    const { channel } = await webchat();
    const phone = uniquePhone();
    await t.db.insert(customers).values({ phone, name: 'Naledi Mokoena' });
    const { res } = await startSession(channel.id, phone, 'Someone Else');
    expect(res.statusCode).toBe(201);
    const [customer] = await t.db.select().from(customers).where(eq(customers.phone, phone));
    expect(customer?.name).toBe('Naledi Mokoena');
  });

  it('refuses an unreadable number with 422 on the phone field, and stores nothing', async () => {
    const { channel } = await webchat();
    const before = await t.db
      .select({ n: count() })
      .from(widgetSessions)
      .where(eq(widgetSessions.channelId, channel.id));
    const { res, cookie } = await startSession(channel.id, '082 123 45');
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'phone' })]);
    expect(cookie).toBe('');
    const after = await t.db
      .select({ n: count() })
      .from(widgetSessions)
      .where(eq(widgetSessions.channelId, channel.id));
    expect(after).toEqual(before);
    const noName = await startSession(channel.id, uniquePhone(), '   ');
    expect(noName.res.statusCode).toBe(400);
  });

  it('answers 404 for a channel that is not a web chat, or does not exist', async () => {
    const { channel } = await makeChannel(t.db, { kind: 'webhook' });
    const start = await startSession(channel.id, uniquePhone());
    expect(start.res.statusCode).toBe(404);
    expect((await startSession('no-such-channel', uniquePhone())).res.statusCode).toBe(404);
    expect((await widgetGet(channel.id, '')).statusCode).toBe(404);
    expect((await widgetSend(channel.id, '', 'hi', 'c1')).statusCode).toBe(404);
  });

  it('limits how many sessions one address starts (429 with Retry-After)', async () => {
    const { channel } = await webchat();
    const start = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/widget/${channel.id}/session`,
        payload: { phone: 'not a number', name: 'Bot' },
        remoteAddress: '10.78.0.1',
      });
    for (let i = 0; i < 20; i++) expect((await start()).statusCode).toBe(422);
    const limited = await start();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('the API description', () => {
  it('lists the widget routes with their response schemas', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const session = doc.paths['/api/widget/{channelId}/session'].post;
    expect(Object.keys(session.responses)).toEqual(expect.arrayContaining(['201', '422', '429']));
    expect(doc.paths['/api/widget/{channelId}/messages'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/widget/{channelId}/messages'].post.responses['200']).toBeDefined();
    expect(doc.paths['/api/widget/{channelId}/end'].post.responses['204']).toBeDefined();
    expect(doc.components.schemas).toHaveProperty('WidgetMessage');
  });
});

describe('talking through the widget', () => {
  it('answers 401 without a session, or with another channel’s session', async () => {
    const { channel } = await webchat();
    const other = await webchat();
    const { cookie } = await startSession(other.channel.id, uniquePhone());
    for (const c of ['', 'parley_widget=forged', cookie]) {
      expect((await widgetGet(channel.id, c)).statusCode).toBe(401);
      expect((await widgetSend(channel.id, c, 'hi', 'c1')).statusCode).toBe(401);
      const end = await t.app.inject({
        method: 'POST',
        url: `/api/widget/${channel.id}/end`,
        headers: { cookie: c },
      });
      expect(end.statusCode).toBe(401);
    }
  });

  it('carries the customer’s message into a chat and shows the agent’s reply', async () => {
    const { channel, agent, agentCookie } = await webchat();
    const phone = uniquePhone();
    const { cookie } = await startSession(channel.id, phone);
    const sent = await widgetSend(channel.id, cookie, '  Is my order on its way?  ', 'c-1');
    expect(sent.statusCode).toBe(200);
    const { chatId } = sent.json();
    expect(sent.json()).toMatchObject({
      accepted: true,
      duplicate: false,
      message: { chatId, direction: 'in', text: 'Is my order on its way?', clientId: 'c-1' },
    });
    const [chat] = await t.db.select().from(chats).where(eq(chats.id, chatId));
    expect(chat).toMatchObject({ status: 'live', assigneeId: agent.id, channelId: channel.id });

    const reply = await agentReply(chatId, agentCookie, 'Yes, it arrives tomorrow.');
    expect(reply.statusCode).toBe(201);

    const list = await widgetGet(channel.id, cookie);
    expect(list.statusCode).toBe(200);
    expect(list.json().chat).toEqual({
      id: chatId,
      status: 'live',
      kind: 'chat',
      queue: null,
      agent: { firstName: 'Sam' },
      ticket: null,
    });
    expect(list.json().items).toEqual([
      expect.objectContaining({
        direction: 'in',
        text: 'Is my order on its way?',
        // An unverified visitor is never shown the profile's name.
        author: { kind: 'customer', name: 'You' },
        clientId: 'c-1',
        status: 'received',
      }),
      // Parley says who answers, as itself.
      expect.objectContaining({
        direction: 'out',
        text: "You're chatting with Sam.",
        author: { kind: 'system', name: 'Parley' },
        status: 'sent',
      }),
      expect.objectContaining({
        direction: 'out',
        text: 'Yes, it arrives tomorrow.',
        // First name only, and no staff id.
        author: { kind: 'staff', name: 'Sam' },
        clientId: null,
        status: 'sent',
      }),
    ]);
  });

  it('stores a retried message once, by its clientId', async () => {
    const { channel } = await webchat();
    const { cookie } = await startSession(channel.id, uniquePhone());
    const first = await widgetSend(channel.id, cookie, 'Hello?', 'retry-1');
    const again = await widgetSend(channel.id, cookie, 'Hello?', 'retry-1');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, chatId: first.json().chatId });
    expect(again.json().message.id).toBe(first.json().message.id);
    const rows = await t.db.select().from(messages).where(eq(messages.chatId, first.json().chatId));
    expect(rows.filter((m) => m.authorKind === 'customer')).toHaveLength(1);
  });

  it('ends the chat as the customer: closed, with an ended_by_customer event', async () => {
    const { channel } = await webchat();
    const { cookie } = await startSession(channel.id, uniquePhone());
    const { chatId } = (await widgetSend(channel.id, cookie, 'Thanks, bye', 'e-1')).json();
    const end = await t.app.inject({
      method: 'POST',
      url: `/api/widget/${channel.id}/end`,
      headers: { cookie },
    });
    expect(end.statusCode).toBe(204);
    const [chat] = await t.db.select().from(chats).where(eq(chats.id, chatId));
    expect(chat?.status).toBe('closed');
    const ended = await t.db
      .select()
      .from(events)
      .where(and(eq(events.chatId, chatId), eq(events.type, 'ended_by_customer')));
    expect(ended).toHaveLength(1);
    expect(ended[0]?.actorKind).toBe('customer');
    // The ended chat is still shown to this session, marked closed.
    expect((await widgetGet(channel.id, cookie)).json()).toMatchObject({
      chat: expect.objectContaining({ id: chatId, status: 'closed', agent: null }),
      items: [
        expect.objectContaining({ text: 'Thanks, bye' }),
        expect.objectContaining({ text: "You're chatting with Sam." }),
      ],
    });
    // Ending again has nothing to end.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/widget/${channel.id}/end`,
      headers: { cookie },
    });
    expect(again.statusCode).toBe(204);
    // Writing again starts a new chat.
    const next = (await widgetSend(channel.id, cookie, 'One more thing', 'e-2')).json();
    expect(next.chatId).not.toBe(chatId);
  });

  it('never shows a new session what was said before it began, nor lets it join that chat', async () => {
    const { channel, agentCookie } = await webchat();
    const phone = uniquePhone();
    const first = await startSession(channel.id, phone);
    const { chatId } = (
      await widgetSend(channel.id, first.cookie, 'My ID is 8001015009087', 'p-1')
    ).json();
    await agentReply(chatId, agentCookie, 'Thanks, verified.');

    const second = await startSession(channel.id, phone, 'Not Naledi');
    expect(second.res.json().chat).toBeNull();
    expect((await widgetGet(channel.id, second.cookie)).json()).toMatchObject({
      items: [],
      chat: null,
    });
    // Not through a replay either: a resume from the very start brings nothing earlier.
    const socket = connect(channel.id, second.cookie);
    await socket.opened;
    await socket.next((f) => f.type === 'hello');
    socket.ws.send(JSON.stringify({ type: 'resume', after: 0 }));
    // The hub answers a connection's messages in order: this error comes after the whole replay.
    socket.ws.send(JSON.stringify({ type: 'nonsense' }));
    await socket.next((f) => f.type === 'error');
    expect(socket.frames.map((f) => f.type)).toEqual(['hello', 'error']);
    // Nor what is said in that chat from now on: it is not this session's.
    await agentReply(chatId, agentCookie, 'Anything else?');
    const own = (await widgetSend(channel.id, second.cookie, 'Hello, me again', 's-1')).json();
    expect(own.chatId).not.toBe(chatId);
    await socket.next(textIs('Hello, me again'));
    const items = (await widgetGet(channel.id, second.cookie)).json().items;
    expect(items.map((m: { text: string }) => m.text)).toEqual([
      'Hello, me again',
      "You're chatting with Sam.",
    ]);
    expect(socket.frames.some((f) => f.data.text === 'Anything else?')).toBe(false);
  });
});

describe('the widget socket', () => {
  it('refuses an upgrade without a session (401) and from a foreign origin (403)', async () => {
    const { channel } = await webchat();
    await expect(connect(channel.id, undefined).opened).rejects.toThrow('HTTP 401');
    const { cookie } = await startSession(channel.id, uniquePhone());
    await expect(connect(channel.id, cookie, 'https://evil.example').opened).rejects.toThrow(
      'HTTP 403',
    );
    const { channel: hook } = await makeChannel(t.db, { kind: 'webhook' });
    await expect(connect(hook.id, cookie).opened).rejects.toThrow('HTTP 404');
  });

  it('carries the agent’s reply live, and nothing but this customer’s messages', async () => {
    const { channel, agentCookie } = await webchat();
    const mine = await startSession(channel.id, uniquePhone());
    const theirs = await startSession(channel.id, uniquePhone(), 'Thabo');
    const socket = connect(channel.id, mine.cookie);
    await socket.opened;
    await socket.next((f) => f.type === 'hello');

    // My chat starts: queued, assigned, chat.updated and event.created all happen staff-side.
    const { chatId } = (await widgetSend(channel.id, mine.cookie, 'Hi there', 'm-1')).json();
    // Someone else's chat on the same channel, busy at the same time.
    const other = (await widgetSend(channel.id, theirs.cookie, 'Hello from Thabo', 't-1')).json();
    await agentReply(other.chatId, agentCookie, 'Hi Thabo!');
    await t.app.inject({
      method: 'POST',
      url: `/api/chats/${chatId}/flag`,
      headers: { cookie: agentCookie },
    });
    await agentReply(chatId, agentCookie, 'Hi! How can I help?');

    const reply = await socket.next(textIs('Hi! How can I help?'));
    expect(reply.data).toMatchObject({
      chatId,
      direction: 'out',
      author: { kind: 'staff', name: 'Sam' },
      status: 'sent',
    });
    expect(reply.data.author).not.toHaveProperty('id');
    // Besides its state (widget.status.test.ts), the widget hears this customer's messages only.
    const heard = socket.frames.filter((f) => f.type !== 'widget.chat');
    expect(heard.map((f) => f.type)).toEqual([
      'hello',
      'message.created',
      'message.created',
      'message.created',
    ]);
    expect(heard.map((f) => f.data.text).slice(1)).toEqual([
      'Hi there',
      "You're chatting with Sam.",
      'Hi! How can I help?',
    ]);
    const about = (f: AnyFrame) => (f.type === 'widget.chat' ? f.data.id : f.data.chatId);
    expect(socket.frames.every((f) => f.type === 'hello' || about(f) === chatId)).toBe(true);
  });

  it('tells the widget when the agent closes the chat, and nothing more', async () => {
    const { channel, agentCookie } = await webchat();
    const mine = await startSession(channel.id, uniquePhone());
    const socket = connect(channel.id, mine.cookie);
    await socket.opened;
    await socket.next((f) => f.type === 'hello');
    const { chatId } = (await widgetSend(channel.id, mine.cookie, 'Bye soon', 'e-1')).json();
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/chats/${chatId}/close`,
      headers: { cookie: agentCookie },
      payload: { sentiment: 'positive', note: 'internal wrap-up text' },
    });
    expect(closed.statusCode).toBe(200);
    const ended = await socket.next((f) => f.type === 'chat.ended');
    expect(ended.data).toEqual({ chatId, at: expect.any(String) });
    expect(JSON.stringify(socket.frames)).not.toContain('internal wrap-up text');
    // The customer's message, who answers, and that the chat ended, before the widget hears it.
    const heard = socket.frames.filter((f) => f.type !== 'widget.chat');
    expect(heard.map((f) => f.type)).toEqual([
      'hello',
      'message.created',
      'message.created',
      'message.created',
      'chat.ended',
    ]);
    expect(heard.at(-2)?.data.text).toBe(
      'This chat has ended. Write again any time to start a new one.',
    );
    expect(socket.frames.filter((f) => f.type === 'widget.chat')).toHaveLength(1);
  });

  it('closes the sockets of a session this browser replaced with a new one (4401)', async () => {
    const { channel } = await webchat();
    const first = await startSession(channel.id, uniquePhone());
    const socket = connect(channel.id, first.cookie);
    await socket.opened;
    const closed = new Promise<number>((resolve) => socket.ws.once('close', resolve));
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/widget/${channel.id}/session`,
      headers: { cookie: first.cookie },
      payload: { phone: uniquePhone(), name: 'Someone else' },
      remoteAddress: nextAddress(),
    });
    expect(again.statusCode).toBe(201);
    expect(await closed).toBe(4401);
    expect((await widgetGet(channel.id, first.cookie)).statusCode).toBe(401);
  });

  it('replays what a reconnecting widget missed, after the last seq it saw', async () => {
    const { channel, agentCookie } = await webchat();
    const { cookie } = await startSession(channel.id, uniquePhone());
    const { chatId } = (await widgetSend(channel.id, cookie, 'Are you there?', 'r-1')).json();
    const first = connect(channel.id, cookie);
    await first.opened;
    await agentReply(chatId, agentCookie, 'Yes!');
    const seen = await first.next(textIs('Yes!'));
    first.ws.close();
    await agentReply(chatId, agentCookie, 'Still here.');

    const second = connect(channel.id, cookie);
    await second.opened;
    await second.next((f) => f.type === 'hello');
    second.ws.send(JSON.stringify({ type: 'resume', after: seen.seq }));
    const missed = await second.next(textIs('Still here.'));
    expect(missed.seq).toBeGreaterThan(seen.seq);
  });
});
