import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, messages } from '../../db/schema.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { receiveInbound } from '../chats/index.ts';
import { widgetClient } from '../widget/widget.test-support.ts';
import { diskFileStore } from './file-store.ts';
import { ingestFile, isRefused } from './ingest.ts';

const root = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-downloads-test-'));
const files = diskFileStore(root);
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ files });
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

const png = () =>
  sharp({ create: { width: 900, height: 600, channels: 3, background: '#48c' } })
    .png()
    .toBuffer();
const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Stores bytes as a customer's file on the chat's first message, or as an unsent upload. */
async function attach(
  chatId: string,
  bytes: Uint8Array,
  name: string,
  opts: { unsentBy?: string; state?: 'downloading' } = {},
) {
  const stored = await ingestFile(files, bytes, { name, declaredType: null, maxBytes: 1e8 });
  if (isRefused(stored)) throw new Error(stored.refused);
  const [message] = await t.db.select().from(messages).where(eq(messages.chatId, chatId));
  const [row] = await t.db
    .insert(attachments)
    .values({
      chatId,
      messageId: opts.unsentBy ? null : message!.id,
      uploadedByStaffId: opts.unsentBy ?? null,
      state: opts.state ?? 'ready',
      ...(opts.state ? { name, contentType: 'image/jpeg' } : stored),
    })
    .returning();
  return row!.id;
}

/** A chat in a department of its own, an agent of it, and an agent of another department. */
async function chatWithAgents() {
  const { channel, department } = await makeChannel(t.db, { kind: 'webhook' });
  const agent = await makeStaff(t.db, { departments: [department.name] });
  const elsewhere = await makeChannel(t.db, { kind: 'webhook' });
  const stranger = await makeStaff(t.db, { departments: [elsewhere.department.name] });
  const deps = { db: t.db, notifier: { wake: () => undefined }, presence: t.presence };
  const { chatId } = await receiveInbound(deps, {
    channelId: channel.id,
    providerMessageId: `m-${randomUUID()}`,
    from: uniquePhone(),
    text: 'Here is the photo',
  });
  return {
    chatId,
    agent,
    agentCookie: await signIn(t.app, agent.email),
    strangerCookie: await signIn(t.app, stranger.email),
  };
}

const download = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

describe('downloading a chat’s files (staff)', () => {
  it('streams a picture inline with its sniffed type, size and protective headers', async () => {
    const { chatId, agentCookie } = await chatWithAgents();
    const bytes = await png();
    const id = await attach(chatId, bytes, 'parcel.png');
    const res = await download(`/api/attachments/${id}`, agentCookie);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(bytes.length),
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="parcel.png"; filename*=UTF-8''parcel.png`,
      'cache-control': 'private, max-age=3600',
    });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);

    const thumb = await download(`/api/attachments/${id}?variant=thumbnail`, agentCookie);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);
  });

  it('serves HTML as a download to save, sandboxed, with a safe UTF-8 name', async () => {
    const { chatId, agentCookie } = await chatWithAgents();
    const id = await attach(chatId, html, 'Rechnung für Mai.jpg');
    const res = await download(`/api/attachments/${id}`, agentCookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Rechnung f_r Mai.jpg.html"; filename*=UTF-8''Rechnung%20f%C3%BCr%20Mai.jpg.html`,
    );
    expect(res.headers['content-security-policy']).toContain('sandbox');
  });

  it('is not found for an agent of another department, and changes nothing', async () => {
    const { chatId, strangerCookie } = await chatWithAgents();
    const id = await attach(chatId, await png(), 'private.png');
    const res = await download(`/api/attachments/${id}`, strangerCookie);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).not.toContain('private.png');
  });

  it('is not found for an unknown id, a non-id, or without signing in', async () => {
    const { chatId, agentCookie } = await chatWithAgents();
    expect((await download(`/api/attachments/${randomUUID()}`, agentCookie)).statusCode).toBe(404);
    expect(
      (await download('/api/attachments/..%2F..%2Fetc%2Fpasswd', agentCookie)).statusCode,
    ).toBe(404);
    const id = await attach(chatId, pdf, 'a.pdf');
    expect((await t.app.inject({ url: `/api/attachments/${id}` })).statusCode).toBe(401);
  });

  it('has no thumbnail of a PDF, and refuses a variant it does not know', async () => {
    const { chatId, agentCookie } = await chatWithAgents();
    const id = await attach(chatId, pdf, 'invoice.pdf');
    const original = await download(`/api/attachments/${id}`, agentCookie);
    expect(original.headers['content-type']).toBe('application/pdf');
    expect(original.headers['content-disposition']).toMatch(/^attachment;/);
    expect(
      (await download(`/api/attachments/${id}?variant=thumbnail`, agentCookie)).statusCode,
    ).toBe(404);
    expect((await download(`/api/attachments/${id}?variant=../x`, agentCookie)).statusCode).toBe(
      400,
    );
  });

  it('answers 409 while the file is still being fetched', async () => {
    const { chatId, agentCookie } = await chatWithAgents();
    const id = await attach(chatId, pdf, 'later.jpg', { state: 'downloading' });
    const res = await download(`/api/attachments/${id}`, agentCookie);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ detail: 'The file is still being fetched.' });
  });

  it('keeps an upload not sent yet to the colleague who uploaded it', async () => {
    const { chatId, agent, agentCookie } = await chatWithAgents();
    const id = await attach(chatId, pdf, 'draft.pdf', { unsentBy: agent.id });
    expect((await download(`/api/attachments/${id}`, agentCookie)).statusCode).toBe(200);
    const sup = await makeStaff(t.db, { role: 'supervisor' });
    expect(
      (await download(`/api/attachments/${id}`, await signIn(t.app, sup.email))).statusCode,
    ).toBe(404);
  });
});

describe('downloading a file in the widget', () => {
  it('serves the visitor’s own chat’s files, never another visitor’s', async () => {
    const w = widgetClient(t);
    const { channel } = await w.webchat();
    const mine = await w.start(channel.id, { phone: uniquePhone(), name: 'Naledi' });
    const theirs = await w.start(channel.id, { phone: uniquePhone(), name: 'Peter' });
    const sent = await w.send(channel.id, mine.cookie, 'See the photo', 'c-1');
    const chatId = (sent.json() as { chatId: string }).chatId;
    const bytes = await png();
    const id = await attach(chatId, bytes, 'box.png');
    await t.db
      .update(messages)
      .set({ content: { kind: 'image', caption: null } })
      .where(eq(messages.chatId, chatId));

    const url = `/api/widget/${channel.id}/attachments/${id}`;
    const own = await download(url, mine.cookie);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(bytes)).toBe(true);
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect((await download(`${url}?variant=thumbnail`, mine.cookie)).statusCode).toBe(200);

    expect((await download(url, theirs.cookie)).statusCode).toBe(404);
    expect((await download(url, '')).statusCode).toBe(401);
    expect(
      (await download(`/api/widget/${channel.id}/attachments/${randomUUID()}`, mine.cookie))
        .statusCode,
    ).toBe(404);

    // The widget's messages point at the widget's path, not the desk's.
    const list = (await w.get(channel.id, mine.cookie)).json() as {
      items: { attachments: { url: string; thumbnailUrl: string | null }[] }[];
    };
    expect(list.items[0]?.attachments[0]).toMatchObject({
      url,
      thumbnailUrl: `${url}?variant=thumbnail`,
    });
  });

  it('does not serve a desk agent’s file through another channel’s widget path', async () => {
    const w = widgetClient(t);
    const { channel } = await w.webchat();
    const other = await w.webchat();
    const visitor = await w.start(channel.id, { phone: uniquePhone(), name: 'Zola' });
    const sent = await w.send(channel.id, visitor.cookie, 'Hello', 'c-2');
    const id = await attach((sent.json() as { chatId: string }).chatId, pdf, 'x.pdf');
    const res = await download(`/api/widget/${other.channel.id}/attachments/${id}`, visitor.cookie);
    expect([401, 404]).toContain(res.statusCode);
  });
});
