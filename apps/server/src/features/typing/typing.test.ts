import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realtimeFrames } from '../../db/schema.ts';
import { type Bus, createInProcessBus } from '../../realtime/bus.ts';
import { createRedisBus } from '../../realtime/redis-bus.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  testDatabase,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { listenForSockets, type SocketOpener, type StaffSocket } from '../../test/listening.ts';
import { type AnyFrame, widgetClient } from '../widget/widget.test-support.ts';

const redisUrl = process.env.REDIS_URL;

/**
 * Two nodes on one database: staff sockets on the first, the visitor's widget on the second, so
 * every typing frame here crosses the bus (Redis when REDIS_URL is set) without a stored row.
 */
let desk: TestApp;
let web: TestApp;
let onDesk: SocketOpener;
let w: ReturnType<typeof widgetClient>;
const buses: Bus[] = [];

beforeAll(async () => {
  const database = await testDatabase();
  const shared = redisUrl ? undefined : createInProcessBus();
  const busFor = async () => shared ?? (await createRedisBus(redisUrl!));
  buses.push(await busFor(), await busFor());
  desk = await testApp({ database, bus: buses[0] });
  web = await testApp({ database, bus: buses[1] });
  onDesk = await listenForSockets(desk.app);
  await web.app.listen({ port: 0, host: '127.0.0.1' });
  w = widgetClient(web);
});
afterAll(async () => {
  await Promise.all([desk?.app.close(), web?.app.close()]);
  await Promise.all(buses.map((b) => b.close()));
});

const typingFrames = (frames: readonly { type: string }[]) =>
  frames.filter((f) => f.type === 'typing') as AnyFrame[];

/** A live web chat: its agent (Sam Dlamini) in the chat's room, the visitor's widget open. */
async function liveChat() {
  const { channel, department, agent, agentCookie } = await w.webchat();
  const { cookie } = await w.start(channel.id, { phone: uniquePhone(), name: 'Naledi' });
  const sent = await w.send(channel.id, cookie, 'Hello?', `c-${Math.random()}`);
  expect(sent.statusCode).toBe(200);
  const chatId = sent.json().chatId as string;
  const chat = await desk.app.inject({
    url: `/api/chats/${chatId}`,
    headers: { cookie: agentCookie },
  });
  expect(chat.json().assignee?.id).toBe(agent.id);
  const agentSocket = await joined(agentCookie, chatId);
  const widget = w.connect(channel.id, cookie);
  await widget.opened;
  await widget.next((f) => f.type === 'hello');
  return { channel, department, agent, agentCookie, cookie, chatId, agentSocket, widget };
}

async function joined(cookie: string, chatId: string): Promise<StaffSocket> {
  const socket = onDesk({ cookie });
  await socket.opened;
  socket.send({ type: 'subscribe', room: `chat:${chatId}` });
  await socket.next((f) => f.type === 'subscribed' || f.type === 'error');
  expect(socket.frames.some((f) => f.type === 'subscribed')).toBe(true);
  return socket;
}

/** A widget message is handled before a later ping: a pong means the typing was dealt with. */
async function widgetSettled(widget: ReturnType<typeof w.connect>) {
  const pongs = () => widget.frames.filter((f) => f.type === 'pong').length;
  const before = pongs();
  widget.ws.send(JSON.stringify({ type: 'ping' }));
  await widget.next(() => pongs() > before);
}

describe('typing indicators', () => {
  it('the visitor’s typing reaches the agent on another node live, with seq 0, never stored', async () => {
    const c = await liveChat();
    c.widget.ws.send(JSON.stringify({ type: 'typing', chatId: c.chatId }));
    const frame = await c.agentSocket.next((f) => f.type === 'typing');
    expect(frame.seq).toBe(0);
    expect(frame.data).toMatchObject({
      chatId: c.chatId,
      who: { kind: 'customer' },
      comment: false,
    });
    expect(Date.parse((frame.data as { until: string }).until)).toBeGreaterThan(Date.now());
    // The widget does not hear its own typing.
    await widgetSettled(c.widget);
    expect(typingFrames(c.widget.frames)).toEqual([]);
    const stored = await desk.db
      .select()
      .from(realtimeFrames)
      .where(eq(realtimeFrames.type, 'typing'));
    expect(stored).toEqual([]);
  });

  it('the agent’s typing reaches the widget by first name only, and the agent’s own socket not', async () => {
    const c = await liveChat();
    c.agentSocket.send({ type: 'typing', chatId: c.chatId });
    const frame = await c.widget.next((f) => f.type === 'typing');
    expect(frame).toMatchObject({ seq: 0, type: 'typing' });
    expect(frame.data).toEqual({
      chatId: c.chatId,
      who: { kind: 'staff', name: 'Sam' },
      comment: false,
      until: expect.any(String),
    });
    await c.agentSocket.settled();
    expect(typingFrames(c.agentSocket.frames)).toEqual([]);
    // A second tab of the agent in the room sees it with their id (the desk hides its own).
    const other = await joined(c.agentCookie, c.chatId);
    await new Promise((r) => setTimeout(r, 1100)); // past the one-per-second limit
    c.agentSocket.send({ type: 'typing', chatId: c.chatId });
    const mine = await other.next((f) => f.type === 'typing');
    expect(mine.data).toMatchObject({
      who: { kind: 'staff', id: c.agent.id, name: 'Sam Dlamini' },
    });
  });

  it('a supervisor watching a chat sends no typing to the customer; the agent does', async () => {
    const c = await liveChat();
    const boss = await makeStaff(desk.db, { role: 'supervisor', name: 'Lerato Boss' });
    const bossSocket = await joined(await signIn(desk.app, boss.email), c.chatId);
    bossSocket.send({ type: 'typing', chatId: c.chatId });
    await bossSocket.settled();
    c.agentSocket.send({ type: 'typing', chatId: c.chatId });
    await c.widget.next((f) => f.type === 'typing');
    await bossSocket.settled();
    await widgetSettled(c.widget);
    expect(typingFrames(c.widget.frames).map((f) => f.data.who)).toEqual([
      { kind: 'staff', name: 'Sam' },
    ]);
    // …and the agent saw only… nothing from the supervisor's reply typing either.
    expect(typingFrames(c.agentSocket.frames)).toEqual([]);
  });

  it('typing a comment reaches colleagues who may read comments, never the widget', async () => {
    const c = await liveChat();
    const boss = await makeStaff(desk.db, { role: 'supervisor', name: 'Lerato Mokoena' });
    const bossSocket = await joined(await signIn(desk.app, boss.email), c.chatId);
    bossSocket.send({ type: 'typing', chatId: c.chatId, comment: true });
    const frame = await c.agentSocket.next((f) => f.type === 'typing');
    expect(frame.data).toMatchObject({
      comment: true,
      who: { kind: 'staff', id: boss.id, name: 'Lerato Mokoena' },
    });
    await bossSocket.settled();
    // The agent's reply typing now reaches the widget: the comment never did.
    c.agentSocket.send({ type: 'typing', chatId: c.chatId });
    await c.widget.next((f) => f.type === 'typing');
    await widgetSettled(c.widget);
    expect(typingFrames(c.widget.frames)).toHaveLength(1);
    expect(typingFrames(c.widget.frames)[0]?.data.comment).toBe(false);
  });

  it('a comment’s typing skips a colleague in the room who may not read comments', async () => {
    // Nobody available: the chat waits in the queue, where its department's agents may watch
    // the room but only supervisors (and later its agent) read comments.
    const { channel, department } = await makeChannel(desk.db, { kind: 'webchat' });
    const { cookie } = await w.start(channel.id, { phone: uniquePhone(), name: 'Queued' });
    const sent = await w.send(channel.id, cookie, 'Anyone?', `c-${Math.random()}`);
    const chatId = sent.json().chatId as string;
    const agent = await makeStaff(desk.db, { departments: [department.name] });
    const watcher = await joined(await signIn(desk.app, agent.email), chatId);
    const boss = await makeStaff(desk.db, { role: 'supervisor' });
    const bossCookie = await signIn(desk.app, boss.email);
    const bossSocket = await joined(bossCookie, chatId);
    const bossOtherTab = await joined(bossCookie, chatId);
    bossSocket.send({ type: 'typing', chatId, comment: true });
    await bossOtherTab.next((f) => f.type === 'typing');
    await watcher.settled();
    expect(typingFrames(watcher.frames)).toEqual([]);
  });

  it('nobody hears typing from someone who may not write there', async () => {
    const c = await liveChat();
    // Another visitor's widget names this chat.
    const { cookie } = await w.start(c.channel.id, { phone: uniquePhone(), name: 'Stranger' });
    await w.send(c.channel.id, cookie, 'Mine', `c-${Math.random()}`);
    const stranger = w.connect(c.channel.id, cookie);
    await stranger.opened;
    await stranger.next((f) => f.type === 'hello');
    stranger.ws.send(JSON.stringify({ type: 'typing', chatId: c.chatId }));
    await widgetSettled(stranger);
    // A colleague who is not the chat's agent (and cannot join its room) types a reply and a comment.
    const colleague = await makeStaff(desk.db, { departments: [c.department.name] });
    const colleagueSocket = onDesk({ cookie: await signIn(desk.app, colleague.email) });
    await colleagueSocket.opened;
    colleagueSocket.send({ type: 'typing', chatId: c.chatId });
    colleagueSocket.send({ type: 'typing', chatId: c.chatId, comment: true });
    colleagueSocket.send({ type: 'typing', chatId: 'not-a-chat' });
    await colleagueSocket.settled();
    // The agent's own typing is the only thing the widget hears; the agent hears nothing.
    c.agentSocket.send({ type: 'typing', chatId: c.chatId });
    await c.widget.next((f) => f.type === 'typing');
    await c.agentSocket.settled();
    await new Promise((r) => setTimeout(r, 200)); // anything crossing the bus would be here by now
    await widgetSettled(c.widget);
    expect(typingFrames(c.widget.frames)).toHaveLength(1);
    expect(typingFrames(c.agentSocket.frames)).toEqual([]);
  });

  it('a resume never replays typing', async () => {
    const c = await liveChat();
    const hello = c.agentSocket.frames.find((f) => f.type === 'hello')!;
    c.widget.ws.send(JSON.stringify({ type: 'typing', chatId: c.chatId }));
    await c.agentSocket.next((f) => f.type === 'typing');
    // A customer message after it is stored and replayed; the typing before it is not.
    await w.send(c.channel.id, c.cookie, 'After typing', `c-${Math.random()}`);
    await c.agentSocket.next((f) => f.type === 'message.created' && f.data.text === 'After typing');
    const again = await joined(c.agentCookie, c.chatId);
    again.send({ type: 'resume', after: hello.seq });
    await again.next((f) => f.type === 'message.created' && f.data.text === 'After typing');
    await again.settled();
    expect(typingFrames(again.frames)).toEqual([]);
  });
});
