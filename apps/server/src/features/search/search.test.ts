import { randomBytes } from 'node:crypto';
import type { SearchPage, SearchResult } from '@parley/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { chats, chatTags, messages, notes } from '../../db/schema.ts';
import { makeChannel, makeStaff, signIn, testApp, type TestApp } from '../../test/harness.ts';
import { makeCustomer } from '../customers/customers.test-support.ts';

let t: TestApp;
let home: Awaited<ReturnType<typeof makeChannel>>;
let away: Awaited<ReturnType<typeof makeChannel>>;
let agent: Awaited<ReturnType<typeof makeStaff>>;
let colleague: Awaited<ReturnType<typeof makeStaff>>;
let agentCookie: string;
let supervisorCookie: string;

beforeAll(async () => {
  t = await testApp();
  home = await makeChannel(t.db);
  away = await makeChannel(t.db);
  agent = await makeStaff(t.db, { name: 'Sam Agent', departments: [home.department.name] });
  colleague = await makeStaff(t.db, { name: 'Lee Colleague', departments: [home.department.name] });
  const supervisor = await makeStaff(t.db, { role: 'supervisor', name: 'Ann Supervisor' });
  agentCookie = await signIn(t.app, agent.email);
  supervisorCookie = await signIn(t.app, supervisor.email);
});

/** A made-up word no other test writes, so each test reads only its own rows. */
const nonce = () =>
  `zq${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;

const search = (query: Record<string, string>, cookie = agentCookie) =>
  t.app.inject({
    url: `/api/search?${new URLSearchParams(query).toString()}`,
    headers: { cookie },
  });

async function found(query: Record<string, string>, cookie = agentCookie): Promise<SearchPage> {
  const res = await search(query, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const marked = (item: SearchResult) =>
  item.snippet.highlights.map(({ start, end }) => item.snippet.text.slice(start, end));

type ChatSpec = {
  channel?: typeof home;
  status?: 'queued' | 'live' | 'pending' | 'closed';
  kind?: 'chat' | 'ticket';
  assigneeId?: string | null;
  customerName?: string;
};

async function chatSaying(texts: string[], spec: ChatSpec = {}) {
  const channel = spec.channel ?? home;
  const customer = await makeCustomer(t.db, { name: spec.customerName ?? 'Thandi Nkosi' });
  const status = spec.status ?? 'closed';
  const [chat] = await t.db
    .insert(chats)
    .values({
      customerId: customer.id,
      channelId: channel.channel.id,
      departmentId: channel.department.id,
      status,
      kind: spec.kind ?? 'chat',
      assigneeId: spec.assigneeId ?? null,
      closedAt: status === 'closed' ? new Date() : null,
    })
    .returning();
  if (!chat) throw new Error('no chat');
  const rows = await t.db
    .insert(messages)
    .values(
      texts.map((text) => ({
        chatId: chat.id,
        channelId: channel.channel.id,
        direction: 'in' as const,
        text,
        authorKind: 'customer' as const,
        status: 'received' as const,
      })),
    )
    .returning();
  return { chat, customer, messages: rows };
}

describe('GET /api/search?kind=messages', () => {
  it('finds message text, best match first, with the matched words marked', async () => {
    const word = nonce();
    const { chat, messages: said } = await chatSaying([
      `My order ${word} never arrived and the courier says nothing about where it went today`,
      `${word} ${word} — still waiting on ${word}`,
    ]);
    const page = await found({ q: word, kind: 'messages' });
    expect(page.items.map((item) => item.id)).toEqual([said[1]!.id, said[0]!.id]);
    const first = page.items[0]!;
    expect(first).toMatchObject({ kind: 'message', chatId: chat.id });
    expect(first.kind === 'message' && first.conversation).toMatchObject({
      id: chat.id,
      kind: 'chat',
      status: 'closed',
    });
    expect(marked(first)).toEqual([word, word, word]);
    expect(page.nextCursor).toBeNull();
  });

  it('matches other forms of a word (english stemming) and a word being typed', async () => {
    // The typed part ends in "y", which stemming would turn into "i": it must still match.
    const word = `${nonce().slice(0, 5)}y${nonce()}`;
    const { messages: said } = await chatSaying([`We are refunding ${word}order today`]);
    expect((await found({ q: 'refunded', kind: 'messages' })).items.map((i) => i.id)).toContain(
      said[0]!.id,
    );
    const typing = await found({ q: `refund ${word.slice(0, 6)}`, kind: 'messages' });
    expect(typing.items.map((i) => i.id)).toEqual([said[0]!.id]);
  });

  it('keeps markup in a message as text: the snippet is plain text with ranges', async () => {
    const word = nonce();
    await chatSaying([`<b>${word}</b> <img src=x onerror=alert(1)> & more`]);
    const [item] = (await found({ q: word, kind: 'messages' })).items;
    expect(item!.snippet.text).toContain('<img src=x onerror=alert(1)>');
    expect(marked(item!)).toEqual([word]);
  });

  it('pages through matches without repeats', async () => {
    const word = nonce();
    await chatSaying([`${word} one`, `${word} two`, `${word} three`]);
    const first = await found({ q: word, kind: 'messages', limit: '2' });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await found({
      q: word,
      kind: 'messages',
      limit: '2',
      cursor: first.nextCursor!,
    });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((item) => item.id);
    expect(new Set(ids).size).toBe(3);
  });

  describe('shows only what the caller may open', () => {
    const ids = async (word: string, cookie = agentCookie) =>
      (await found({ q: word, kind: 'messages' }, cookie)).items.map((item) => item.id);

    it("hides a colleague's live chat from an agent, not from a supervisor", async () => {
      const word = nonce();
      const { messages: said } = await chatSaying([word], {
        status: 'live',
        assigneeId: colleague.id,
      });
      expect(await ids(word)).toEqual([]);
      expect(await ids(word, supervisorCookie)).toEqual([said[0]!.id]);
    });

    it('shows my own live chat', async () => {
      const word = nonce();
      const { messages: said } = await chatSaying([word], { status: 'live', assigneeId: agent.id });
      expect(await ids(word)).toEqual([said[0]!.id]);
    });

    it("hides a queued chat of another department, shows my department's queue", async () => {
      const word = nonce();
      await chatSaying([word], { status: 'queued', channel: away });
      expect(await ids(word)).toEqual([]);
      const { messages: said } = await chatSaying([word], { status: 'queued' });
      expect(await ids(word)).toEqual([said[0]!.id]);
    });

    it('shows an open chat I am tagged into', async () => {
      const word = nonce();
      const { chat, messages: said } = await chatSaying([word], {
        status: 'live',
        assigneeId: colleague.id,
        channel: away,
      });
      expect(await ids(word)).toEqual([]);
      await t.db.insert(chatTags).values({ chatId: chat.id, staffId: agent.id });
      expect(await ids(word)).toEqual([said[0]!.id]);
    });

    it('shows a closed chat of any department (history is shared)', async () => {
      const word = nonce();
      const { messages: said } = await chatSaying([word], { status: 'closed', channel: away });
      expect(await ids(word)).toEqual([said[0]!.id]);
    });

    it('hides a closed ticket of another department, shows one of mine', async () => {
      const word = nonce();
      await chatSaying([word], { kind: 'ticket', status: 'closed', channel: away });
      expect(await ids(word)).toEqual([]);
      const { messages: said } = await chatSaying([word], { kind: 'ticket', status: 'closed' });
      expect(await ids(word)).toEqual([said[0]!.id]);
    });

    it("hides a colleague's assigned ticket in my department", async () => {
      const word = nonce();
      await chatSaying([word], { kind: 'ticket', status: 'live', assigneeId: colleague.id });
      expect(await ids(word)).toEqual([]);
    });

    it('counts a page after the filter: hidden matches do not make short pages', async () => {
      const word = nonce();
      for (let i = 0; i < 3; i++)
        await chatSaying([`${word} ${word} ${word}`], {
          status: 'live',
          assigneeId: colleague.id,
        });
      await chatSaying([word, `${word} again`]);
      const page = await found({ q: word, kind: 'messages', limit: '2' });
      expect(page.items).toHaveLength(2);
      expect(page.nextCursor).toBeNull();
    });
  });
});

describe('GET /api/search?kind=customers', () => {
  it('finds a customer by a number written in any format', async () => {
    const customer = await makeCustomer(t.db, { name: 'Pieter Numbers' });
    const national = customer.phone.slice(3); // +27 82xxxxxxx → 82xxxxxxx
    const formats = [
      customer.phone,
      `0${national.slice(0, 2)} ${national.slice(2, 5)} ${national.slice(5)}`,
      national,
      `+27 ${national.slice(0, 2)} ${national.slice(2, 5)} ${national.slice(5)}`,
      `27${national}`,
      `(0${national.slice(0, 2)}) ${national.slice(2, 5)}-${national.slice(5)}`,
    ];
    for (const q of formats) {
      const page = await found({ q, kind: 'customers' });
      expect(
        page.items.map((item) => item.id),
        q,
      ).toContain(customer.id);
      const item = page.items.find((hit) => hit.id === customer.id)!;
      expect(marked(item)).toEqual([
        `+27 ${national.slice(0, 2)} ${national.slice(2, 5)} ${national.slice(5)}`,
      ]);
    }
  });

  it('finds a customer by the start of a number typed nationally', async () => {
    const customer = await makeCustomer(t.db);
    const national = customer.phone.slice(3);
    const page = await found({ q: `0${national.slice(0, 7)}`, kind: 'customers', limit: '50' });
    expect(page.items.map((item) => item.id)).toContain(customer.id);
  });

  it('finds a customer by name prefix and by email, marking the words', async () => {
    const word = nonce();
    const customer = await makeCustomer(t.db, {
      name: `Naledi ${word}`,
      email: `${word}@example.org`,
    });
    const byName = await found({ q: `naledi ${word.slice(0, 5)}`, kind: 'customers' });
    expect(byName.items.map((item) => item.id)).toEqual([customer.id]);
    expect(marked(byName.items[0]!)).toEqual(['Naledi', word.slice(0, 5), word.slice(0, 5)]);
    const byEmail = await found({ q: `${word}@example.org`, kind: 'customers' });
    expect(byEmail.items.map((item) => item.id)).toEqual([customer.id]);
  });

  it('ranks the customer whose name matches more often first', async () => {
    const word = nonce();
    const once = await makeCustomer(t.db, { name: `Alex ${word}` });
    const twice = await makeCustomer(t.db, { name: `${word} ${word}`, email: `${word}@x.org` });
    const page = await found({ q: word, kind: 'customers' });
    expect(page.items.map((item) => item.id)).toEqual([twice.id, once.id]);
  });

  it('offers the latest conversation the caller may open', async () => {
    const word = nonce();
    const { chat, customer } = await chatSaying(['hello'], {
      status: 'closed',
      customerName: `Mpho ${word}`,
    });
    // A newer chat the agent may not open is passed over.
    await t.db.insert(chats).values({
      customerId: customer.id,
      channelId: away.channel.id,
      departmentId: away.department.id,
      status: 'live',
      assigneeId: colleague.id,
    });
    const [item] = (await found({ q: word, kind: 'customers' })).items;
    expect(item!.kind === 'customer' && item!.lastConversation?.id).toBe(chat.id);
  });
});

describe('GET /api/search?kind=notes', () => {
  it('finds note bodies with the words marked', async () => {
    const word = nonce();
    const customer = await makeCustomer(t.db, { name: 'Zanele Notes' });
    const [note] = await t.db
      .insert(notes)
      .values({
        customerId: customer.id,
        body: `Prefers ${word} deliveries after five`,
        authorId: agent.id,
      })
      .returning();
    const page = await found({ q: `${word} delivery`, kind: 'notes' });
    expect(page.items.map((item) => item.id)).toEqual([note!.id]);
    expect(page.items[0]).toMatchObject({
      kind: 'note',
      customer: { id: customer.id, name: 'Zanele Notes' },
      author: { id: agent.id, name: 'Sam Agent' },
    });
    expect(marked(page.items[0]!)).toEqual([word, 'deliveries']);
  });
});

describe('bad requests', () => {
  it('refuses an empty query, one over 200 characters, an unknown kind and a forged cursor', async () => {
    const empty = await search({ q: '   ', kind: 'messages' });
    expect(empty.statusCode).toBe(422);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    expect((await search({ q: 'x'.repeat(201), kind: 'messages' })).statusCode).toBe(422);
    expect((await search({ q: 'x'.repeat(200), kind: 'messages' })).statusCode).toBe(200);
    expect((await search({ q: 'order', kind: 'tickets' })).statusCode).toBe(400);
    expect((await search({ q: 'order' })).statusCode).toBe(400);
    expect((await search({ q: 'order', kind: 'notes', cursor: 'abc' })).statusCode).toBe(400);
    expect((await search({ q: 'order', kind: 'notes', limit: '500' })).statusCode).toBe(400);
  });

  it('reads query syntax as words, never as a tsquery', async () => {
    for (const q of ["'", '&|!():*', "o'brien & (", '\\', '<->'])
      expect((await search({ q, kind: 'messages' })).statusCode, q).toBe(200);
  });

  it('answers 401 without a session', async () => {
    const res = await t.app.inject({ url: '/api/search?q=order&kind=messages' });
    expect(res.statusCode).toBe(401);
  });

  it('limits each person to a pace a person types at', async () => {
    const hasty = await makeStaff(t.db);
    const cookie = await signIn(t.app, hasty.email);
    const codes: number[] = [];
    for (let i = 0; i < 61; i++)
      codes.push((await search({ q: 'order', kind: 'notes' }, cookie)).statusCode);
    expect(codes.slice(0, 60).every((code) => code === 200)).toBe(true);
    expect(codes[60]).toBe(429);
    // Someone else is not held back.
    expect((await search({ q: 'order', kind: 'notes' })).statusCode).toBe(200);
  });
});
