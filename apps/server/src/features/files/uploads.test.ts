import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachments, chats, messages, outbox, realtimeFrames } from '../../db/schema.ts';
import {
  emptyDatabase,
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { receiveInbound } from '../chats/index.ts';
import { HTML, multipartFile, PDF, PNG } from './uploads.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const mid = () => `m-${Math.random().toString(36).slice(2)}`;

/** A live chat held by a fresh agent, a colleague in the same department, and a supervisor. */
async function liveChat(app: TestApp = t) {
  const { channel, department } = await makeChannel(app.db, { kind: 'webhook' });
  const agent = await makeStaff(app.db, { departments: [department.name], name: 'Agent Owner' });
  const other = await makeStaff(app.db, { departments: [department.name] });
  const supervisor = await makeStaff(app.db, { role: 'supervisor' });
  const agentCookie = await signIn(app.app, agent.email);
  await app.app.inject({
    method: 'PUT',
    url: '/api/me/availability',
    headers: { cookie: agentCookie },
    payload: { available: true },
  });
  await app.presence.connected(agent.id);
  const deps = { db: app.db, notifier: { wake: () => undefined }, presence: app.presence };
  const { chatId } = await receiveInbound(deps, {
    channelId: channel.id,
    providerMessageId: mid(),
    from: uniquePhone(),
    text: 'My parcel arrived broken',
  });
  await app.presence.disconnected(agent.id);
  return {
    channel,
    department,
    agent,
    chatId,
    agentCookie,
    otherCookie: await signIn(app.app, other.email),
    supervisorCookie: await signIn(app.app, supervisor.email),
  };
}

const upload = (
  chatId: string,
  cookie: string | undefined,
  file: { name: string; type: string; bytes: Uint8Array },
  app: TestApp = t,
  base = '/api/chats',
) => {
  const body = multipartFile(file.name, file.type, file.bytes);
  return app.app.inject({
    method: 'POST',
    url: `${base}/${chatId}/attachments`,
    headers: { ...body.headers, ...(cookie ? { cookie } : {}) },
    payload: body.payload,
  });
};
const photo = { name: 'box.png', type: 'image/png', bytes: PNG };
const invoice = { name: 'invoice.pdf', type: 'application/pdf', bytes: PDF };

const send = (
  chatId: string,
  cookie: string,
  payload: Record<string, unknown>,
  base = '/api/chats',
) =>
  t.app.inject({
    method: 'POST',
    url: `${base}/${chatId}/messages`,
    headers: { cookie },
    payload: { clientId: mid(), ...payload },
  });

const uploadsOf = (chatId: string) =>
  t.db.select().from(attachments).where(eq(attachments.chatId, chatId));

describe('uploading a file for a reply', () => {
  it('stores the file by its sniffed type and answers 201 with its id, waiting unsent', async () => {
    const c = await liveChat();
    const res = await upload(c.chatId, c.agentCookie, {
      name: 'photo.jpg', // the name lies: the bytes are a PNG
      type: 'image/jpeg',
      bytes: PNG,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      name: 'photo.jpg',
      contentType: 'image/png',
      size: PNG.byteLength,
    });
    const [row] = await uploadsOf(c.chatId);
    expect(row).toMatchObject({
      id: res.json().id,
      messageId: null,
      state: 'ready',
      uploadedByStaffId: c.agent.id,
    });
  });

  it('refuses, storing nothing: 415 for HTML named .png, 422 empty, 400 not multipart, 401, 403, 404', async () => {
    const c = await liveChat();
    const html = await upload(c.chatId, c.agentCookie, {
      name: 'cat.png',
      type: 'image/png',
      bytes: HTML,
    });
    expect(html.statusCode).toBe(415);
    expect(html.headers['content-type']).toContain('application/problem+json');
    const empty = await upload(c.chatId, c.agentCookie, { ...photo, bytes: new Uint8Array() });
    expect(empty.statusCode).toBe(422);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/chats/${c.chatId}/attachments`,
      headers: { cookie: c.agentCookie },
      payload: { file: 'not a file' },
    });
    expect(json.statusCode).toBe(400);
    expect((await upload(c.chatId, undefined, photo)).statusCode).toBe(401);
    // A supervisor watching someone else's chat comments; only its agent writes to the customer.
    expect((await upload(c.chatId, c.supervisorCookie, photo)).statusCode).toBe(403);
    // A colleague cannot even see another agent's live chat.
    expect((await upload(c.chatId, c.otherCookie, photo)).statusCode).toBe(404);
    expect((await upload(crypto.randomUUID(), c.agentCookie, photo)).statusCode).toBe(404);
    expect((await upload('not-an-id', c.agentCookie, photo)).statusCode).toBe(404);
    expect(await uploadsOf(c.chatId)).toEqual([]);
  });

  it('refuses a queued chat’s upload to its department’s agents until one takes it (403)', async () => {
    const { channel, department } = await makeChannel(t.db, { kind: 'webhook' });
    const agent = await makeStaff(t.db, { departments: [department.name] });
    const deps = { db: t.db, notifier: { wake: () => undefined }, presence: t.presence };
    const { chatId } = await receiveInbound(deps, {
      channelId: channel.id,
      providerMessageId: mid(),
      from: uniquePhone(),
      text: 'Hello?',
    });
    const res = await upload(chatId, await signIn(t.app, agent.email), photo);
    expect(res.statusCode).toBe(403);
    expect(await uploadsOf(chatId)).toEqual([]);
  });
});

describe('the admin’s file limits', () => {
  // Limits are settings every test on a database shares: these change them on a database of their own.
  let own: TestApp;
  beforeAll(async () => {
    own = await testApp({ database: await emptyDatabase() });
  });

  it('answers 413 over the admin’s size limit and 415 for a category the admin did not allow', async () => {
    const c = await liveChat(own);
    const admin = await makeStaff(own.db, { role: 'admin' });
    const adminCookie = await signIn(own.app, admin.email);
    const put = (payload: Record<string, unknown>) =>
      own.app.inject({
        method: 'PUT',
        url: '/api/admin/settings',
        headers: { cookie: adminCookie },
        payload,
      });
    expect((await put({ maxAttachmentMegabytes: 1 })).statusCode).toBe(200);
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024 + 1 - PNG.byteLength)]);
    expect((await upload(c.chatId, c.agentCookie, { ...photo, bytes: big }, own)).statusCode).toBe(
      413,
    );
    const exact = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 - PDF.byteLength, 0x20)]);
    expect(
      (await upload(c.chatId, c.agentCookie, { ...invoice, bytes: exact }, own)).statusCode,
    ).toBe(201);

    const saved = await put({ allowedAttachmentCategories: ['documents', 'documents'] });
    expect(saved.json().allowedAttachmentCategories).toEqual(['documents']);
    expect((await upload(c.chatId, c.agentCookie, photo, own)).statusCode).toBe(415);
    expect((await upload(c.chatId, c.agentCookie, invoice, own)).statusCode).toBe(201);
    const limits = await own.app.inject({
      url: '/api/attachments/limits',
      headers: { cookie: c.agentCookie },
    });
    expect(limits.json()).toEqual({
      maxBytes: 1024 * 1024,
      categories: ['documents'],
      contentTypes: expect.arrayContaining(['application/pdf']),
    });
    expect(limits.json().contentTypes).not.toContain('image/png');
    expect((await own.app.inject({ url: '/api/attachments/limits' })).statusCode).toBe(401);

    const bad = await put({ allowedAttachmentCategories: ['images', 'executables'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      {
        field: 'allowedAttachmentCategories',
        message: expect.stringContaining('"executables" not one of images, audio'),
      },
    ]);
    expect((await put({ allowedAttachmentCategories: [] })).statusCode).toBe(200);
    expect((await upload(c.chatId, c.agentCookie, invoice, own)).statusCode).toBe(415);
    const stored = await own.db.select().from(attachments).where(eq(attachments.chatId, c.chatId));
    expect(stored).toHaveLength(2);
  });
});

describe('sending uploads in a message', () => {
  it('sends a photo: the message says what it is, carries the file, and goes out once', async () => {
    const c = await liveChat();
    const { id } = (await upload(c.chatId, c.agentCookie, photo)).json();
    const res = await send(c.chatId, c.agentCookie, { attachments: [id] });
    expect(res.statusCode).toBe(201);
    const message = res.json();
    expect(message).toMatchObject({
      text: '📷 Photo',
      content: { kind: 'image', caption: null },
      attachments: [
        {
          id,
          name: 'box.png',
          contentType: 'image/png',
          size: PNG.byteLength,
          url: `/api/attachments/${id}`,
          state: 'ready',
        },
      ],
      status: 'queued',
    });
    const [frame] = await t.db
      .select({ data: realtimeFrames.data })
      .from(realtimeFrames)
      .where(
        sql`${realtimeFrames.type} = 'message.created' and ${realtimeFrames.data}->>'id' = ${message.id}`,
      );
    expect(frame?.data).toMatchObject({ attachments: [{ id }], content: { kind: 'image' } });
    expect(await t.db.select().from(outbox).where(eq(outbox.messageId, message.id))).toHaveLength(
      1,
    );
    const timeline = await t.app.inject({
      url: `/api/chats/${c.chatId}/messages`,
      headers: { cookie: c.agentCookie },
    });
    const listed = timeline.json().items.find((m: { id: string }) => m.id === message.id);
    expect(listed.attachments.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it('names a document by its file, keeps typed text as its caption', async () => {
    const c = await liveChat();
    const one = (await upload(c.chatId, c.agentCookie, invoice)).json().id;
    const alone = await send(c.chatId, c.agentCookie, { attachments: [one] });
    expect(alone.json()).toMatchObject({
      text: '📎 invoice.pdf',
      content: { kind: 'document', fileName: 'invoice.pdf', caption: null },
    });
    const two = (await upload(c.chatId, c.agentCookie, invoice)).json().id;
    const three = (await upload(c.chatId, c.agentCookie, photo)).json().id;
    const captioned = await send(c.chatId, c.agentCookie, {
      text: 'Your invoice and the photo',
      attachments: [two, three],
    });
    expect(captioned.json()).toMatchObject({
      text: 'Your invoice and the photo',
      content: { kind: 'document', caption: 'Your invoice and the photo' },
    });
    expect(captioned.json().attachments).toHaveLength(2);
  });

  it('refuses with 422 naming each id that is not this sender’s unsent upload in this chat', async () => {
    const c = await liveChat();
    const elsewhere = await liveChat();
    const mine = (await upload(c.chatId, c.agentCookie, photo)).json().id;
    const sent = (await upload(c.chatId, c.agentCookie, photo)).json().id;
    expect((await send(c.chatId, c.agentCookie, { attachments: [sent] })).statusCode).toBe(201);
    const otherChats = (await upload(elsewhere.chatId, elsewhere.agentCookie, photo)).json().id;
    // Someone else's upload in this very chat (the chat's agent before a transfer, say).
    const [someoneElses] = await t.db
      .insert(attachments)
      .values({
        chatId: c.chatId,
        name: 'theirs.png',
        contentType: 'image/png',
        size: 1,
        state: 'ready',
        uploadedByStaffId: (await makeStaff(t.db)).id,
      })
      .returning();
    const unknown = crypto.randomUUID();
    const before = await t.db.select().from(messages).where(eq(messages.chatId, c.chatId));
    for (const [id, says] of [
      [unknown, 'is not a file you uploaded here'],
      ['not-a-uuid', 'is not a file you uploaded here'],
      [otherChats, 'is not a file you uploaded here'],
      [someoneElses!.id, 'is not a file you uploaded here'],
      [sent, 'was sent already'],
    ] as const) {
      const res = await send(c.chatId, c.agentCookie, { text: 'Here', attachments: [mine, id] });
      expect(res.statusCode, id).toBe(422);
      expect(res.json().errors).toEqual([{ field: 'attachments', message: `"${id}" ${says}` }]);
    }
    expect(await t.db.select().from(messages).where(eq(messages.chatId, c.chatId))).toEqual(before);
    const [still] = await t.db.select().from(attachments).where(eq(attachments.id, mine));
    expect(still?.messageId).toBeNull();
  });

  it('stores parallel sends with one clientId once, with the file once', async () => {
    const c = await liveChat();
    const id = (await upload(c.chatId, c.agentCookie, photo)).json().id;
    const clientId = mid();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        send(c.chatId, c.agentCookie, { attachments: [id], clientId }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    for (const answer of answers)
      expect(answer.json().attachments.map((a: { id: string }) => a.id)).toEqual([id]);
    const stored = await t.db
      .select()
      .from(messages)
      .where(sql`${messages.chatId} = ${c.chatId} and ${messages.clientId} = ${clientId}`);
    expect(stored).toHaveLength(1);
    expect(
      await t.db.select().from(outbox).where(eq(outbox.messageId, stored[0]!.id)),
    ).toHaveLength(1);
  });

  it('sends files on a ticket through the ticket’s routes, and not the chat’s', async () => {
    const c = await liveChat();
    await t.db.update(chats).set({ kind: 'ticket' }).where(eq(chats.id, c.chatId));
    expect((await upload(c.chatId, c.agentCookie, photo)).statusCode).toBe(409);
    const res = await upload(c.chatId, c.agentCookie, photo, t, '/api/tickets');
    expect(res.statusCode).toBe(201);
    const reply = await send(
      c.chatId,
      c.agentCookie,
      { attachments: [res.json().id] },
      '/api/tickets',
    );
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ text: '📷 Photo', attachments: [{ id: res.json().id }] });
    expect((await upload(c.chatId, c.supervisorCookie, photo, t, '/api/tickets')).statusCode).toBe(
      403,
    );
  });
});
