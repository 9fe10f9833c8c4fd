import { chatBelongsInView, ChatView } from '@parley/contract';
import type { Chat, ChatList, Me } from '@parley/contract';
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

// The desk places a chat in its lists with the contract's chatBelongsInView; the server answers
// GET /api/chats?view= with SQL. For a matrix of chats and viewers, both must pick the same chats.

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

type Viewer = { label: string; me: Me; cookie: string };

const post = async (url: string, cookie: string, payload?: Record<string, unknown>) => {
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload }),
  });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res;
};
const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

async function signedIn(label: string, staff: { email: string }): Promise<Viewer> {
  const cookie = await signIn(t.app, staff.email);
  const me = (await get('/api/me', cookie)).json() as Me;
  return { label, me, cookie };
}

/** Every page of a view, as the viewer's desk would load it; null when the view is refused. */
async function listView(viewer: Viewer, view: ChatView): Promise<Chat[] | null> {
  const items: Chat[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `view=${view}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await get(`/api/chats?${query}`, viewer.cookie);
    if (res.statusCode === 403) return null;
    expect(res.statusCode, `${viewer.label} ${view}: ${res.body}`).toBe(200);
    const page = res.json() as ChatList;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

/** The chats of the matrix by name, their current state, and whom a comment tagged in each. */
type Matrix = { chats: Map<string, Chat>; taggedIn: Map<string, Set<string>> };

let viewers: Viewer[];
let matrix: Matrix;

beforeAll(async () => {
  const support = await makeChannel(t.db);
  const sales = await makeChannel(t.db);
  const deps = { db: t.db, notifier: { wake: () => undefined }, presence: t.presence };

  const agentA = await makeStaff(t.db, { departments: [support.department.name], name: 'Ana' });
  const agentB = await makeStaff(t.db, { departments: [support.department.name], name: 'Ben' });
  const loner = await makeStaff(t.db, { name: 'Lou' });
  const boss = await makeStaff(t.db, { role: 'supervisor', name: 'Sue' });
  const admin = await makeStaff(t.db, { role: 'admin', name: 'Ada' });
  const [a, b, n, s, m] = await Promise.all([
    signedIn('agent A', agentA),
    signedIn('agent B', agentB),
    signedIn('agent without departments', loner),
    signedIn('supervisor', boss),
    signedIn('admin', admin),
  ]);
  viewers = [a!, b!, n!, s!, m!];

  // Nobody is available, so every chat arrives queued; agents then take them by hand.
  const arrive = async (channel: { id: string }) => {
    const from = uniquePhone();
    const { chatId } = await receiveInbound(deps, {
      channelId: channel.id,
      providerMessageId: `view-${from}`,
      from,
      text: 'Hello?',
    });
    return chatId;
  };
  const accept = (id: string, viewer: Viewer) => post(`/api/chats/${id}/accept`, viewer.cookie);
  const close = (id: string, viewer: Viewer) =>
    post(`/api/chats/${id}/close`, viewer.cookie, { sentiment: 'neutral' });
  const tag = async (id: string, author: Viewer, tagged: Viewer) => {
    await t.presence.connected(tagged.me.id);
    await post(`/api/chats/${id}/comments`, author.cookie, {
      body: 'Can you have a look?',
      mentions: [tagged.me.id],
    });
    await t.presence.disconnected(tagged.me.id);
  };

  const ids: Record<string, string> = {};
  const taggedIn = new Map<string, Set<string>>(viewers.map((viewer) => [viewer.me.id, new Set()]));

  ids.queuedSupport = await arrive(support.channel);
  ids.queuedSales = await arrive(sales.channel);
  ids.queuedFlagged = await arrive(support.channel);
  await post(`/api/chats/${ids.queuedFlagged}/flag`, s!.cookie);

  ids.closedA = await arrive(support.channel);
  await accept(ids.closedA, a!);
  await close(ids.closedA, a!);
  ids.closedB = await arrive(support.channel);
  await accept(ids.closedB, b!);
  await close(ids.closedB, b!);
  ids.taggedThenClosed = await arrive(support.channel);
  await accept(ids.taggedThenClosed, b!);
  await tag(ids.taggedThenClosed, b!, a!);
  taggedIn.get(a!.me.id)!.add(ids.taggedThenClosed);
  await close(ids.taggedThenClosed, b!);

  ids.liveA = await arrive(support.channel);
  await accept(ids.liveA, a!);
  ids.pendingA = await arrive(support.channel);
  await accept(ids.pendingA, a!);
  await post(`/api/chats/${ids.pendingA}/pending`, a!.cookie);
  ids.flaggedA = await arrive(support.channel);
  await accept(ids.flaggedA, a!);
  await post(`/api/chats/${ids.flaggedA}/flag`, a!.cookie);
  ids.flaggedPendingA = await arrive(support.channel);
  await accept(ids.flaggedPendingA, a!);
  await post(`/api/chats/${ids.flaggedPendingA}/flag`, a!.cookie);
  await post(`/api/chats/${ids.flaggedPendingA}/pending`, a!.cookie);

  ids.liveB = await arrive(support.channel);
  await accept(ids.liveB, b!);
  ids.flaggedB = await arrive(support.channel);
  await accept(ids.flaggedB, b!);
  await post(`/api/chats/${ids.flaggedB}/flag`, b!.cookie);
  ids.taggedForA = await arrive(support.channel);
  await accept(ids.taggedForA, b!);
  await tag(ids.taggedForA, b!, a!);
  taggedIn.get(a!.me.id)!.add(ids.taggedForA);
  ids.supervisorsOwn = await arrive(sales.channel);
  await accept(ids.supervisorsOwn, s!);

  const chats = new Map<string, Chat>();
  for (const [name, id] of Object.entries(ids)) {
    const res = await get(`/api/chats/${id}`, s!.cookie);
    expect(res.statusCode).toBe(200);
    chats.set(name, res.json() as Chat);
  }
  matrix = { chats, taggedIn };
});

describe('the server lists each view exactly as the contract rule decides', () => {
  it('builds a matrix with every status, flagged, unassigned and tagged chats', () => {
    const states = [...matrix.chats.values()].map(
      (chat) =>
        `${chat.status}${chat.flagged ? '+flagged' : ''}${chat.assignee ? '' : '+unassigned'}`,
    );
    expect(new Set(states)).toEqual(
      new Set([
        'queued+unassigned',
        'queued+flagged+unassigned',
        'live',
        'pending',
        'live+flagged',
        'pending+flagged',
        'closed',
      ]),
    );
    expect(matrix.taggedIn.get(viewers[0]!.me.id)?.size).toBe(2);
  });

  for (const view of ChatView.options) {
    it(`agrees on "${view}" for agents, an agent without departments, a supervisor and an admin`, async () => {
      for (const viewer of viewers) {
        const tagged = matrix.taggedIn.get(viewer.me.id)!;
        const belongs = (chat: Chat) =>
          chatBelongsInView(view, { ...chat, viewerTagged: tagged.has(chat.id) }, viewer.me);
        const listed = await listView(viewer, view);
        const expected = [...matrix.chats]
          .filter(([, chat]) => belongs(chat))
          .map(([name]) => name)
          .sort();

        if (listed === null) {
          // Refused (403): only right when the rule gives this viewer nothing in the view.
          expect(expected, `${viewer.label} was refused "${view}"`).toEqual([]);
          continue;
        }
        // The shared test database holds other files' chats too: each listed chat must pass the
        // rule, and of the matrix exactly the chats the rule accepts must be listed.
        const refused = listed.filter((chat) => !belongs(chat)).map((chat) => chat.id);
        expect(refused, `${viewer.label} "${view}" lists chats the rule refuses`).toEqual([]);
        const listedIds = new Set(listed.map((chat) => chat.id));
        const listedFromMatrix = [...matrix.chats]
          .filter(([, chat]) => listedIds.has(chat.id))
          .map(([name]) => name)
          .sort();
        expect(listedFromMatrix, `${viewer.label} "${view}"`).toEqual(expected);
      }
    });
  }

  it('refuses the "all" view to agents, as the rule gives them nothing there', async () => {
    for (const viewer of viewers.filter((v) => v.me.role === 'agent'))
      expect((await get('/api/chats?view=all', viewer.cookie)).statusCode).toBe(403);
  });
});
