import type { Chat, ChatCounts, ChatList } from '@parley/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { receiveInbound } from './inbound.service.ts';

// The queue is listed in the order routing serves it (longest waiting first), and the counts
// beside the desk's views come from the server, not from the rows a desk has loaded.

let t: TestApp;
let agentCookie: string;
let outsiderCookie: string;
let supervisorCookie: string;
const waiting: Record<'first' | 'second' | 'third', string> = { first: '', second: '', third: '' };

beforeAll(async () => {
  t = await testApp();
  const { channel, department } = await makeChannel(t.db);
  const agent = await makeStaff(t.db, { departments: [department.name] });
  const outsider = await makeStaff(t.db);
  const supervisor = await makeStaff(t.db, { role: 'supervisor' });
  agentCookie = await signIn(t.app, agent.email);
  outsiderCookie = await signIn(t.app, outsider.email);
  supervisorCookie = await signIn(t.app, supervisor.email);
  const deps = { db: t.db, presence: t.presence, notifier: { wake: () => undefined } };
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
  // Arriving out of order: the second to wait writes first.
  for (const [name, minutes] of [
    ['second', 2],
    ['first', 3],
    ['third', 1],
  ] as const) {
    const reply = await receiveInbound(deps, {
      channelId: channel.id,
      providerMessageId: `queue-order-${name}-${Math.random()}`,
      from: uniquePhone(),
      text: `I am ${name} in line`,
      sentAt: minutesAgo(minutes),
    });
    waiting[name] = reply.chatId;
  }
});

const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

async function queuePages(cookie: string, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const res = await get(
      `/api/chats?view=queue&sort=waiting&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      cookie,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as ChatList;
    pages.push(page.items.map((chat: Chat) => chat.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return pages;
}

describe('the queue, longest waiting first', () => {
  it('lists queued chats in arrival order across pages, with when each joined the queue', async () => {
    expect(await queuePages(agentCookie, 2)).toEqual([
      [waiting.first, waiting.second],
      [waiting.third],
    ]);
    const [chat] = (
      (await get('/api/chats?view=queue&sort=waiting&limit=1', agentCookie)).json() as ChatList
    ).items;
    expect(Date.now() - Date.parse(chat!.queuedAt!)).toBeGreaterThan(170_000);
  });

  it('shows nothing of it to an agent outside the department', async () => {
    expect(await queuePages(outsiderCookie, 2)).toEqual([[]]);
  });
});

describe('GET /api/chats/counts', () => {
  it('counts what each list holds, and follows an accept', async () => {
    const before = (await get('/api/chats/counts', agentCookie)).json() as ChatCounts;
    expect(before).toEqual({ live: 0, queue: 3, pending: 0, tagged: 0 });

    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/chats/${waiting.first}/accept`,
      headers: { cookie: agentCookie },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await get('/api/chats/counts', agentCookie)).json()).toEqual({
      live: 1,
      queue: 2,
      pending: 0,
      tagged: 0,
    });
    expect((await get('/api/chats/counts', outsiderCookie)).json()).toEqual({
      live: 0,
      queue: 0,
      pending: 0,
      tagged: 0,
    });
    // A supervisor's queue is every department's: at least these two.
    const theirs = (await get('/api/chats/counts', supervisorCookie)).json() as ChatCounts;
    expect(theirs.queue).toBeGreaterThanOrEqual(2);
  });

  it('answers 401 without a session', async () => {
    const res = await t.app.inject({ url: '/api/chats/counts' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
