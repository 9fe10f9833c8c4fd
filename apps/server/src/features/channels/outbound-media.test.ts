import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessageContent } from '@parley/contract';
import type { Database } from '../../db/client.ts';
import { attachments, messages } from '../../db/schema.ts';
import { emptyDatabase, testApp, type TestApp } from '../../test/harness.ts';
import {
  diskFileStore,
  type FileStore,
  ingestFile,
  isRefused,
  signFileLink,
} from '../files/index.ts';
import { PDF, PNG } from '../files/uploads.test-support.ts';
import { type OutboxWorker, startOutboxWorker } from './outbox.worker.ts';
import { makeChannel, makeQueuedReply, startFakeProvider } from './test-support.ts';

const PUBLIC_URL = 'https://desk.example.test';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

// A database of the file's own: a worker sends every due row it can see.
let database: Database;
let store: FileStore;
let t: TestApp;
const workers: OutboxWorker[] = [];
const providers: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  database = await emptyDatabase();
  store = diskFileStore(await mkdtemp(path.join(os.tmpdir(), 'parley-outbound-')));
  t = await testApp({ database, files: store });
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await Promise.all(providers.splice(0).map((p) => p.close()));
});
afterAll(() => database.close());

function worker() {
  const w = startOutboxWorker(
    {
      db: t.db,
      notifier: { wake: () => undefined },
      log: silent,
      media: { files: store, publicUrl: PUBLIC_URL },
    },
    { intervalMs: 60_000 },
  );
  workers.push(w);
  return w;
}

async function provider(...args: Parameters<typeof startFakeProvider>) {
  const p = await startFakeProvider(...args);
  providers.push(p);
  return p;
}

/** A queued reply that carries files, as a send with uploads stores it. */
async function replyWithFiles(
  channel: { id: string; departmentId: string },
  text: string,
  content: MessageContent,
  files: { name: string; bytes: Buffer }[],
) {
  const { message, chatId, phone } = await makeQueuedReply(t.db, channel, { text });
  await t.db.update(messages).set({ content }).where(eq(messages.id, message.id));
  const ids: string[] = [];
  for (const file of files) {
    const stored = await ingestFile(store, file.bytes, {
      name: file.name,
      declaredType: null,
      maxBytes: 1024 * 1024,
    });
    if (isRefused(stored)) throw new Error(stored.refused);
    const [row] = await t.db
      .insert(attachments)
      .values({
        chatId,
        messageId: message.id,
        name: stored.name,
        contentType: stored.contentType,
        size: stored.size,
        sha256: stored.sha256,
        storageKey: stored.storageKey,
        state: 'ready',
      })
      .returning();
    ids.push(row!.id);
  }
  return { message, chatId, phone, ids };
}

const whatsApp = (url: string) =>
  makeChannel(t.db, {
    kind: 'whatsapp',
    secret: null,
    settings: {
      verifyToken: 'v',
      appSecret: 'a',
      accessToken: 'token-1',
      phoneNumberId: '4455',
      apiBaseUrl: `${url}/v21.0`,
    },
  });

/** Answers a media upload with an id and a message with a wamid, numbered in order. */
const graphApi = (n: number, req: { path: string }) =>
  req.path.endsWith('/media')
    ? { status: 200, body: { id: `media-${n}` } }
    : { status: 200, body: { messaging_product: 'whatsapp', messages: [{ id: `wamid.${n}` }] } };

describe('replies with files through the outbox', () => {
  it('uploads a photo to WhatsApp, then sends it by media id with the caption', async () => {
    const graph = await provider(graphApi);
    const channel = await whatsApp(graph.url);
    const { message, phone } = await replyWithFiles(
      channel,
      'The label is on the box',
      { kind: 'image', caption: 'The label is on the box' },
      [{ name: 'label.png', bytes: PNG }],
    );
    expect(await worker().drain()).toBe(1);

    expect(graph.requests.map((r) => r.path)).toEqual([
      '/v21.0/4455/media',
      '/v21.0/4455/messages',
    ]);
    const [uploadRequest, sendRequest] = graph.requests;
    expect(uploadRequest!.headers.authorization).toBe('Bearer token-1');
    expect(uploadRequest!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(uploadRequest!.body).toMatch(/name="messaging_product"\r\n\r\nwhatsapp\r\n/);
    expect(uploadRequest!.body).toMatch(/name="type"\r\n\r\nimage\/png\r\n/);
    expect(uploadRequest!.body).toMatch(/name="file"; filename="label.png"/);
    expect(uploadRequest!.body).toContain('IHDR');
    expect(JSON.parse(sendRequest!.body)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: phone.slice(1),
      type: 'image',
      image: { id: 'media-0', caption: 'The label is on the box' },
    });
    const [sent] = await t.db.select().from(messages).where(eq(messages.id, message.id));
    expect(sent).toMatchObject({ status: 'sent', providerMessageId: 'wamid.1' });
  });

  it('sends each file as its own WhatsApp message: a document keeps its name, no caption without text', async () => {
    const graph = await provider(graphApi);
    const channel = await whatsApp(graph.url);
    await replyWithFiles(
      channel,
      '📎 invoice.pdf and 1 more file',
      { kind: 'document', caption: null, fileName: 'invoice.pdf' },
      [
        { name: 'invoice.pdf', bytes: PDF },
        { name: 'box.png', bytes: PNG },
      ],
    );
    await worker().drain();
    expect(graph.requests.map((r) => r.path.split('/').pop())).toEqual([
      'media',
      'messages',
      'media',
      'messages',
    ]);
    expect(JSON.parse(graph.requests[1]!.body)).toMatchObject({
      type: 'document',
      document: { id: 'media-0', filename: 'invoice.pdf' },
    });
    expect(JSON.parse(graph.requests[1]!.body).document).not.toHaveProperty('caption');
    expect(JSON.parse(graph.requests[3]!.body)).toMatchObject({
      type: 'image',
      image: { id: 'media-2' },
    });
  });

  it('retries when the upload fails, sending no message without its file', async () => {
    const graph = await provider((n, req) =>
      n === 0 ? { status: 503, body: { error: { message: 'busy' } } } : graphApi(n, req),
    );
    const channel = await whatsApp(graph.url);
    const { message } = await replyWithFiles(
      channel,
      '📷 Photo',
      { kind: 'image', caption: null },
      [{ name: 'box.png', bytes: PNG }],
    );
    await worker().drain();
    expect(graph.requests.map((r) => r.path)).toEqual(['/v21.0/4455/media']);
    const [waiting] = await t.db.select().from(messages).where(eq(messages.id, message.id));
    expect(waiting?.status).toBe('queued');
  });

  it('gives the webhook receiver signed links that download the file, and 403 when tampered or expired', async () => {
    const receiver = await provider();
    const channel = await makeChannel(t.db, {
      kind: 'webhook',
      secret: 'outbound-secret',
      settings: { outboundUrl: `${receiver.url}/webhook` },
    });
    const { ids } = await replyWithFiles(
      channel,
      'Your invoice',
      { kind: 'document', caption: 'Your invoice', fileName: 'invoice.pdf' },
      [{ name: 'invoice.pdf', bytes: PDF }],
    );
    await worker().drain();
    const body = JSON.parse(receiver.requests[0]!.body);
    expect(body).toMatchObject({
      text: 'Your invoice',
      attachments: [
        {
          id: ids[0],
          name: 'invoice.pdf',
          contentType: 'application/pdf',
          size: PDF.byteLength,
          url: expect.stringMatching(
            new RegExp(`^${PUBLIC_URL}/api/files/${ids[0]}\\?expires=\\d+&signature=[0-9a-f]{64}$`),
          ),
        },
      ],
    });
    const link = new URL(body.attachments[0].url);
    const fetchPath = (p: string) => t.app.inject({ url: p });

    const ok = await fetchPath(`${link.pathname}${link.search}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.rawPayload.equals(PDF)).toBe(true);
    expect(ok.headers).toMatchObject({
      'content-type': 'application/pdf',
      'x-content-type-options': 'nosniff',
      'content-disposition': expect.stringMatching(/^attachment; filename="invoice.pdf"/),
    });

    const signature = link.searchParams.get('signature')!;
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
    const tampered = await fetchPath(
      `${link.pathname}?expires=${link.searchParams.get('expires')}&signature=${flipped}`,
    );
    expect(tampered.statusCode).toBe(403);
    const later = Number(link.searchParams.get('expires')) + 3600;
    expect(
      (await fetchPath(`${link.pathname}?expires=${later}&signature=${signature}`)).statusCode,
    ).toBe(403);
    expect((await fetchPath(link.pathname)).statusCode).toBe(403);

    const expired = new URL(signFileLink(PUBLIC_URL, ids[0]!, Date.now() - 25 * 60 * 60 * 1000));
    expect((await fetchPath(`${expired.pathname}${expired.search}`)).statusCode).toBe(403);
    // A link for one file opens no other.
    const other = crypto.randomUUID();
    expect((await fetchPath(`/api/files/${other}${link.search}`)).statusCode).toBe(403);
    // A signed link to an upload nobody sent finds nothing.
    const [unsent] = await t.db
      .insert(attachments)
      .values({
        chatId: body.chatId,
        name: 'draft.pdf',
        contentType: 'application/pdf',
        size: 1,
        state: 'ready',
        storageKey: 'files/none',
      })
      .returning();
    const draft = new URL(signFileLink(PUBLIC_URL, unsent!.id));
    expect((await fetchPath(`${draft.pathname}${draft.search}`)).statusCode).toBe(404);
  });

  it('leaves a plain reply’s webhook body with no attachments', async () => {
    const receiver = await provider();
    const channel = await makeChannel(t.db, {
      kind: 'webhook',
      secret: 'outbound-secret',
      settings: { outboundUrl: `${receiver.url}/webhook` },
    });
    await makeQueuedReply(t.db, channel, { text: 'Plain words' });
    await worker().drain();
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({
      text: 'Plain words',
      attachments: [],
    });
  });
});
