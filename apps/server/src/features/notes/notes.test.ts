import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { events, notes, realtimeFrames } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { systemPrincipal } from '../../principal.ts';
import { makeStaff, signIn, staffPrincipal, testApp, type TestApp } from '../../test/harness.ts';
import {
  makeChatOf,
  makeCustomer,
  socketsFor,
  withCustomerRoutes,
} from '../customers/customers.test-support.ts';
import { addNote, deleteNote, listNotes } from './notes.service.ts';
import { rooms } from '../../realtime/rooms.ts';

let t: TestApp;
let deps: Awaited<ReturnType<typeof withCustomerRoutes>>;
let connect: Awaited<ReturnType<typeof socketsFor>>;
let author: Awaited<ReturnType<typeof makeStaff>>;
let authorCookie: string;

beforeAll(async () => {
  t = await testApp();
  deps = await withCustomerRoutes(t);
  connect = await socketsFor(t);
  author = await makeStaff(t.db, { name: 'Lerato Mokoena' });
  authorCookie = await signIn(t.app, author.email);
});

const addVia = (customerId: string, payload: Record<string, unknown>, cookie = authorCookie) =>
  t.app.inject({
    method: 'POST',
    url: `/api/customers/${customerId}/notes`,
    headers: { cookie },
    payload,
  });
const list = (customerId: string, query = '', cookie = authorCookie) =>
  t.app.inject({ url: `/api/customers/${customerId}/notes${query}`, headers: { cookie } });
const remove = (id: string, cookie?: string) =>
  t.app.inject({
    method: 'DELETE',
    url: `/api/notes/${id}`,
    headers: cookie ? { cookie } : {},
  });

async function failure(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('adding notes', () => {
  it('adds a note with the author, newest first in the list, 201', async () => {
    const c = await makeCustomer(t.db);
    const first = await addVia(c.id, { body: 'Prefers WhatsApp.' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      customerId: c.id,
      body: 'Prefers WhatsApp.',
      reference: null,
      chatId: null,
      chat: null,
      author: { id: author.id, name: 'Lerato Mokoena', role: 'agent' },
      canDelete: true,
    });
    await addVia(c.id, { body: '  Second, trimmed.  ' });
    const items = (await list(c.id)).json().items;
    expect(items.map((n: { body: string }) => n.body)).toEqual([
      'Second, trimmed.',
      'Prefers WhatsApp.',
    ]);
  });

  it('reads the reference: link, Jira key or ticket number', async () => {
    const c = await makeCustomer(t.db);
    const cases: [string, { kind: string; value: string }][] = [
      [
        'https://jira.example.com/browse/SUP-1',
        { kind: 'url', value: 'https://jira.example.com/browse/SUP-1' },
      ],
      ['SUP-1234', { kind: 'jira', value: 'SUP-1234' }],
      ['#4411', { kind: 'ticket', value: '4411' }],
    ];
    for (const [reference, expected] of cases) {
      const res = await addVia(c.id, { body: 'With a reference', reference });
      expect(res.statusCode, reference).toBe(201);
      expect(res.json().reference).toEqual(expected);
    }
  });

  it('refuses other references, empty and long bodies with 422 naming the field', async () => {
    const c = await makeCustomer(t.db);
    const cases: [Record<string, unknown>, string][] = [
      [{ body: 'x', reference: 'javascript:alert(1)' }, 'reference'],
      [{ body: 'x', reference: 'ftp://files.example.com/a' }, 'reference'],
      [{ body: 'x', reference: 'the other ticket' }, 'reference'],
      [{ body: '   ' }, 'body'],
      [{ body: 'x'.repeat(5001) }, 'body'],
    ];
    for (const [payload, field] of cases) {
      const res = await addVia(c.id, payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(422);
      expect(res.json().errors).toEqual([{ field, message: expect.any(String) }]);
    }
    expect((await addVia(c.id, { body: 'x'.repeat(5000) })).statusCode).toBe(201);
    expect((await list(c.id)).json().items).toHaveLength(1);
  });

  it('records the chat it was written on, closed ones too, but only this customer’s', async () => {
    const c = await makeCustomer(t.db);
    const closed = await makeChatOf(t.db, c.id, 'closed');
    const res = await addVia(c.id, { body: 'After the call', chatId: closed.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      chatId: closed.id,
      chat: { id: closed.id, channel: { kind: 'webhook' } },
    });
    const stranger = await makeCustomer(t.db);
    const theirs = await makeChatOf(t.db, stranger.id, 'live');
    for (const chatId of [theirs.id, 'not-a-chat', '00000000-0000-4000-8000-000000000000']) {
      const bad = await addVia(c.id, { body: 'x', chatId });
      expect(bad.statusCode, chatId).toBe(422);
      expect(bad.json().errors[0].field).toBe('chatId');
    }
    expect(
      (await addVia(c.id, { body: 'x', ticketId: '00000000-0000-4000-8000-000000000000' }))
        .statusCode,
    ).toBe(422);
  });

  it('writes a note_added event without the text, on the chat when there is one', async () => {
    const c = await makeCustomer(t.db);
    const chat = await makeChatOf(t.db, c.id, 'live');
    const note = (await addVia(c.id, { body: 'Secret-ish detail 71', chatId: chat.id })).json();
    const [event] = await t.db.select().from(events).where(eq(events.customerId, c.id));
    expect(event).toMatchObject({
      type: 'note_added',
      chatId: chat.id,
      actorStaffId: author.id,
      data: { noteId: note.id },
    });
  });

  it('is 404 for an unknown customer and 401 without a session', async () => {
    expect((await addVia('00000000-0000-4000-8000-000000000000', { body: 'x' })).statusCode).toBe(
      404,
    );
    const c = await makeCustomer(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/customers/${c.id}/notes`,
      payload: { body: 'x' },
    });
    expect(res.statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/customers/${c.id}/notes` })).statusCode).toBe(401);
  });

  it('checks the principal first in the service', async () => {
    const c = await makeCustomer(t.db);
    expect(
      (await failure(() => addNote(deps, systemPrincipal('x'), c.id, { body: 'x' }))).status,
    ).toBe(403);
  });
});

describe('listing notes', () => {
  it('pages newest first with an opaque cursor, no note skipped or repeated', async () => {
    const c = await makeCustomer(t.db);
    // Several notes in one statement share a timestamp: the id breaks the tie.
    await t.db.insert(notes).values(
      Array.from({ length: 7 }, (_, i) => ({
        customerId: c.id,
        body: `note ${i}`,
        authorId: author.id,
        createdAt: new Date(Date.UTC(2030, 0, 1, 9, i < 4 ? 0 : i)),
      })),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await list(c.id, query)).json() as {
        items: { id: string; createdAt: string }[];
        nextCursor: string | null;
      };
      seen.push(...page.items.map((n) => n.id));
      const times = page.items.map((n) => n.createdAt);
      expect(times).toEqual([...times].sort().reverse());
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect((await list(c.id, '?cursor=garbage')).statusCode).toBe(400);
  });

  it('tells each viewer whether they may delete', async () => {
    const c = await makeCustomer(t.db);
    await addVia(c.id, { body: 'Mine' });
    const other = await makeStaff(t.db);
    const sup = await makeStaff(t.db, { role: 'supervisor' });
    const flags = async (id: string, role: 'agent' | 'supervisor') =>
      (await listNotes(deps, staffPrincipal(id, role), c.id, { limit: 10 })).items[0]?.canDelete;
    expect(await flags(author.id, 'agent')).toBe(true);
    expect(await flags(other.id, 'agent')).toBe(false);
    expect(await flags(sup.id, 'supervisor')).toBe(true);
  });

  it('shows the wrap-up note a closed chat left', async () => {
    const c = await makeCustomer(t.db);
    const chat = await makeChatOf(t.db, c.id, 'closed');
    await t.db
      .insert(notes)
      .values({ customerId: c.id, chatId: chat.id, body: 'Wrap-up', authorId: author.id });
    const [item] = (await list(c.id)).json().items;
    expect(item).toMatchObject({ body: 'Wrap-up', chat: { id: chat.id }, reference: null });
  });
});

describe('deleting notes', () => {
  async function noteBy(cookie = authorCookie, body = 'To be deleted') {
    const c = await makeCustomer(t.db);
    return (await addVia(c.id, { body }, cookie)).json() as { id: string; customerId: string };
  }
  const stillThere = async (id: string) =>
    (await t.db.select().from(notes).where(eq(notes.id, id))).length === 1;

  it('lets the author delete (204) and records who, never the text', async () => {
    const text = `Unique note text ${Math.random().toString(36).slice(2)}`;
    const note = await noteBy(authorCookie, text);
    expect((await remove(note.id, authorCookie)).statusCode).toBe(204);
    expect(await stillThere(note.id)).toBe(false);
    const kept = await t.db.select().from(events).where(eq(events.customerId, note.customerId));
    expect(kept.map((e) => e.type).sort()).toEqual(['note_added', 'note_deleted']);
    expect(kept.find((e) => e.type === 'note_deleted')).toMatchObject({
      actorStaffId: author.id,
      data: { noteId: note.id, by: { id: author.id, name: 'Lerato Mokoena' } },
    });
    const [leak] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(events)
      .where(sql`${events.data}::text like ${`%${text}%`}`);
    expect(leak?.n).toBe(0);
    const [frames] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(realtimeFrames)
      .where(sql`${realtimeFrames.data}::text like ${`%${text}%`}`);
    expect(frames?.n).toBe(0);
  });

  it('lets a supervisor and an admin delete someone else’s note', async () => {
    for (const role of ['supervisor', 'admin'] as const) {
      const boss = await makeStaff(t.db, { role });
      const note = await noteBy();
      expect((await remove(note.id, await signIn(t.app, boss.email))).statusCode, role).toBe(204);
      expect(await stillThere(note.id)).toBe(false);
    }
  });

  it('refuses another agent with 403 and keeps the note', async () => {
    const note = await noteBy();
    const other = await makeStaff(t.db);
    const res = await remove(note.id, await signIn(t.app, other.email));
    expect(res.statusCode).toBe(403);
    expect(await stillThere(note.id)).toBe(true);
    const err = await failure(() => deleteNote(deps, staffPrincipal(other.id), note.id));
    expect(err.status).toBe(403);
  });

  it('is 404 for unknown notes and 401 without a session', async () => {
    expect((await remove('00000000-0000-4000-8000-000000000000', authorCookie)).statusCode).toBe(
      404,
    );
    expect((await remove('nope', authorCookie)).statusCode).toBe(404);
    const note = await noteBy();
    expect((await remove(note.id)).statusCode).toBe(401);
    expect(await stillThere(note.id)).toBe(true);
  });
});

describe('realtime', () => {
  it('announces added and deleted notes in customer:<id>, and the event on the chat', async () => {
    const c = await makeCustomer(t.db);
    const chat = await makeChatOf(t.db, c.id, 'closed');
    const watcher = await makeStaff(t.db, { role: 'supervisor' });
    const socket = connect(await signIn(t.app, watcher.email));
    expect((await socket.subscribe(rooms.customer(c.id))).type).toBe('subscribed');
    expect((await socket.subscribe(rooms.chat(chat.id))).type).toBe('subscribed');
    const note = (
      await addVia(c.id, { body: 'Live note', reference: 'SUP-9', chatId: chat.id })
    ).json();
    const created = await socket.next((f) => f.type === 'note.created');
    expect(created.data).toMatchObject({
      id: note.id,
      body: 'Live note',
      reference: { kind: 'jira', value: 'SUP-9' },
    });
    expect(created.data).not.toHaveProperty('canDelete');
    const added = await socket.next((f) => f.type === 'event.created');
    expect(added.data).toMatchObject({ type: 'note_added', chatId: chat.id });
    // One frame for both rooms: the socket in both hears the event once.
    expect(socket.frames.filter((f) => f.type === 'event.created')).toHaveLength(1);
    await remove(note.id, authorCookie);
    const deleted = await socket.next((f) => f.type === 'note.deleted');
    expect(deleted.data).toEqual({ id: note.id, customerId: c.id });
  });
});
