import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { attachments, chats, customers, messages, outbox, settings } from '../../db/schema.ts';
import { customerVisibleRooms } from '../../realtime/rooms.ts';
import { diskFileStore } from '../files/index.ts';
import { outboxTestbed } from './outbox.test-support.ts';
import { queueMediaFetch } from './outbox.repo.ts';
import { makeChannel, makeQueuedReply, uniquePhone } from './test-support.ts';

const bed = outboxTestbed();
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-media-test-'));
const files = diskFileStore(root);
afterAll(() => fs.rm(root, { recursive: true, force: true }));

type Served = { bytes: Buffer; mime: string; sha256?: string; size?: number };
type GraphAnswer = (n: number, mediaId: string) => { status: number } | Served;

/**
 * A Graph API on 127.0.0.1: `GET /v21.0/<mediaId>` gives the media record pointing at
 * `GET /files/<mediaId>`, both only with the channel's bearer token. `answer` picks each record's
 * outcome by how many record requests came before.
 */
async function startGraph(answer: GraphAnswer) {
  const requests: { path: string; authorization: string | undefined }[] = [];
  const files = new Map<string, Served>();
  let records = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const url = req.url ?? '';
    requests.push({ path: url, authorization: req.headers.authorization });
    if (req.headers.authorization !== 'Bearer graph-token') {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const record = /^\/v21\.0\/([^/]+)$/.exec(url);
    if (record) {
      const mediaId = decodeURIComponent(record[1]!);
      const outcome = answer(records++, mediaId);
      if (!('bytes' in outcome)) {
        res.writeHead(outcome.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'fake failure' } }));
        return;
      }
      files.set(mediaId, outcome);
      const { port } = server.address() as AddressInfo;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          url: `http://127.0.0.1:${port}/files/${encodeURIComponent(mediaId)}`,
          mime_type: outcome.mime,
          sha256: outcome.sha256 ?? createHash('sha256').update(outcome.bytes).digest('hex'),
          file_size: outcome.size ?? outcome.bytes.length,
          id: mediaId,
          messaging_product: 'whatsapp',
        }),
      );
      return;
    }
    const file = /^\/files\/([^/]+)$/.exec(url);
    const served = file && files.get(decodeURIComponent(file[1]!));
    if (!served) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': served.mime }).end(served.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return { url: `http://127.0.0.1:${port}`, requests };
}
const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await bed.db.delete(settings).where(eq(settings.key, 'maxAttachmentMegabytes'));
});

/** A customer's photo as the inbound path stores it: the message at once, its file downloading. */
async function inboundPhoto(apiBaseUrl: string, source: { mediaId: string; sha256?: string }) {
  const channel = await makeChannel(bed.db, {
    kind: 'whatsapp',
    secret: null,
    settings: {
      verifyToken: 'v',
      appSecret: 'a',
      accessToken: 'graph-token',
      phoneNumberId: '4455',
      apiBaseUrl: `${apiBaseUrl}/v21.0`,
    },
  });
  const [customer] = await bed.db
    .insert(customers)
    .values({ phone: uniquePhone(), name: 'Naledi' })
    .returning();
  const [chat] = await bed.db
    .insert(chats)
    .values({
      customerId: customer!.id,
      channelId: channel.id,
      departmentId: channel.departmentId,
      status: 'queued',
    })
    .returning();
  const [message] = await bed.db
    .insert(messages)
    .values({
      chatId: chat!.id,
      channelId: channel.id,
      direction: 'in',
      text: '📷 Photo: the broken box',
      authorKind: 'customer',
      status: 'received',
      content: { kind: 'image', caption: 'the broken box' },
    })
    .returning();
  const [attachment] = await bed.db
    .insert(attachments)
    .values({
      chatId: chat!.id,
      messageId: message!.id,
      name: 'photo',
      contentType: 'image/jpeg',
      state: 'downloading',
      source: {
        provider: 'whatsapp',
        mediaId: source.mediaId,
        declaredType: 'image/jpeg',
        sha256: source.sha256 ?? null,
      },
    })
    .returning();
  await queueMediaFetch(bed.db, attachment!.id);
  return { channel, chat: chat!, message: message!, attachmentId: attachment!.id };
}

const attachmentRow = async (id: string) =>
  (await bed.db.select().from(attachments).where(eq(attachments.id, id)))[0]!;
const jobOf = async (id: string) =>
  (await bed.db.select().from(outbox).where(eq(outbox.attachmentId, id)))[0]!;

async function updateFrames(messageId: string) {
  return queryRows<{
    rooms: string[];
    data: { id: string; attachments: { state: string; failureReason: string | null }[] };
  }>(
    bed.db,
    sql`select rooms, data from realtime_frames where type = 'message.updated' and data->>'id' = ${messageId} order by id`,
  );
}

const photo = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: '#c84' } })
    .jpeg()
    .toBuffer();

/** Runs the worker until the job is settled, giving retries their (tiny) backoff. */
async function settleJob(attachmentId: string, worker: { drain(): Promise<number> }) {
  for (let i = 0; i < 20; i++) {
    await worker.drain();
    if ((await jobOf(attachmentId)).state !== 'pending') return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the media job never settled');
}

describe('fetching a customer’s media', () => {
  it('downloads, checks and stores the file, then tells the chat and the widget', async () => {
    const bytes = await photo();
    const sha = createHash('sha256').update(bytes).digest('base64');
    const graph = await startGraph(() => ({ bytes, mime: 'image/jpeg' }));
    const { chat, message, attachmentId } = await inboundPhoto(graph.url, {
      mediaId: 'media-1',
      sha256: sha,
    });

    expect(await bed.worker({}, files).drain()).toBe(1);

    expect(graph.requests.map((r) => [r.path, r.authorization])).toEqual([
      ['/v21.0/media-1', 'Bearer graph-token'],
      ['/files/media-1', 'Bearer graph-token'],
    ]);
    const row = await attachmentRow(attachmentId);
    expect(row).toMatchObject({
      state: 'ready',
      contentType: 'image/jpeg',
      size: bytes.length,
      width: 640,
      height: 480,
      name: 'photo',
      failureReason: null,
    });
    expect(row.thumbnailKey).toBe(`${row.storageKey}.thumbnail.webp`);
    const storedFile = await files.get(row.storageKey!);
    expect(storedFile?.size).toBe(bytes.length);
    storedFile?.body.destroy();
    expect(await jobOf(attachmentId)).toMatchObject({ state: 'done', attempts: 1 });

    const frames = await updateFrames(message.id);
    expect(frames).toHaveLength(1);
    expect(new Set(frames[0]!.rooms)).toEqual(new Set(customerVisibleRooms(chat)));
    expect(frames[0]!.data.attachments).toEqual([
      expect.objectContaining({
        id: attachmentId,
        state: 'ready',
        url: `/api/attachments/${attachmentId}`,
        thumbnailUrl: `/api/attachments/${attachmentId}?variant=thumbnail`,
      }),
    ]);
  });

  it('refuses a file whose bytes do not match the notification’s sha256', async () => {
    const graph = await startGraph(() => ({ bytes: Buffer.from('tampered'), mime: 'image/jpeg' }));
    const wrong = createHash('sha256').update('the original').digest('hex');
    const { message, attachmentId } = await inboundPhoto(graph.url, {
      mediaId: 'media-2',
      sha256: wrong,
    });
    await settleJob(attachmentId, bed.worker({ baseDelayMs: 1 }, files));
    expect(await attachmentRow(attachmentId)).toMatchObject({
      state: 'failed',
      failureReason: 'The file does not match its checksum.',
      storageKey: null,
    });
    const frames = await updateFrames(message.id);
    expect(frames.at(-1)?.data.attachments[0]).toMatchObject({
      state: 'failed',
      failureReason: 'The file does not match its checksum.',
    });
  });

  it('refuses a file over the size limit before downloading it', async () => {
    await bed.db
      .insert(settings)
      .values({ key: 'maxAttachmentMegabytes', value: 1 })
      .onConflictDoUpdate({ target: settings.key, set: { value: 1 } });
    const graph = await startGraph(() => ({
      bytes: Buffer.from('small really'),
      mime: 'video/mp4',
      size: 5 * 1024 * 1024,
    }));
    const { attachmentId } = await inboundPhoto(graph.url, { mediaId: 'media-3' });
    await settleJob(attachmentId, bed.worker({ baseDelayMs: 1 }, files));
    expect(graph.requests.map((r) => r.path)).toEqual(['/v21.0/media-3']);
    expect(await attachmentRow(attachmentId)).toMatchObject({
      state: 'failed',
      failureReason: 'The file is larger than the 1 MB limit (5 MB), so it was not downloaded.',
    });
  });

  it('stops counting at the limit when the provider understated the size', async () => {
    await bed.db
      .insert(settings)
      .values({ key: 'maxAttachmentMegabytes', value: 1 })
      .onConflictDoUpdate({ target: settings.key, set: { value: 1 } });
    const graph = await startGraph(() => ({
      bytes: Buffer.alloc(2 * 1024 * 1024, 1),
      mime: 'application/pdf',
      size: 10,
    }));
    const { attachmentId } = await inboundPhoto(graph.url, { mediaId: 'media-3b' });
    await settleJob(attachmentId, bed.worker({ baseDelayMs: 1 }, files));
    expect((await attachmentRow(attachmentId)).failureReason).toMatch(/larger than the 1 MB limit/);
  });

  it('gives up at once on a file WhatsApp no longer has (404)', async () => {
    const graph = await startGraph(() => ({ status: 404 }));
    const { attachmentId } = await inboundPhoto(graph.url, { mediaId: 'media-4' });
    await settleJob(attachmentId, bed.worker({ baseDelayMs: 1, maxAttempts: 5 }, files));
    expect(graph.requests).toHaveLength(1);
    expect(await attachmentRow(attachmentId)).toMatchObject({
      state: 'failed',
      failureReason: 'WhatsApp no longer has this file (HTTP 404).',
    });
    expect(await jobOf(attachmentId)).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('retries after a 5xx and stores the file when WhatsApp recovers', async () => {
    const bytes = await photo();
    const graph = await startGraph((n) =>
      n < 2 ? { status: 503 } : { bytes, mime: 'image/jpeg' },
    );
    const { message, attachmentId } = await inboundPhoto(graph.url, { mediaId: 'media-5' });
    await settleJob(attachmentId, bed.worker({ baseDelayMs: 1, maxAttempts: 5 }, files));
    expect(await attachmentRow(attachmentId)).toMatchObject({ state: 'ready' });
    expect(await jobOf(attachmentId)).toMatchObject({ state: 'done', attempts: 3 });
    // Only the outcome is announced, not each retry.
    expect((await updateFrames(message.id)).map((f) => f.data.attachments[0]?.state)).toEqual([
      'ready',
    ]);
  });

  it('gives up after the attempts a retryable failure gets, saying why', async () => {
    const graph = await startGraph(() => ({ status: 500 }));
    const { attachmentId } = await inboundPhoto(graph.url, { mediaId: 'media-6' });
    await settleJob(attachmentId, bed.worker({ baseDelayMs: 1, maxAttempts: 3 }, files));
    expect(graph.requests).toHaveLength(3);
    expect(await attachmentRow(attachmentId)).toMatchObject({
      state: 'failed',
      failureReason:
        'The file could not be fetched after 3 attempts. The last answer: WhatsApp answered HTTP 500 when asked for the file.',
    });
  });

  it('keeps sending replies while a download hangs', async () => {
    const hung = createServer(() => undefined);
    servers.push(hung);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const { port } = hung.address() as AddressInfo;
    const { attachmentId } = await inboundPhoto(`http://127.0.0.1:${port}`, {
      mediaId: 'media-7',
    });
    const provider = await bed.provider();
    const webhook = await makeChannel(bed.db, {
      kind: 'webhook',
      secret: 'out',
      settings: { outboundUrl: `${provider.url}/webhook` },
    });
    const { message: reply } = await makeQueuedReply(bed.db, webhook);
    const worker = bed.worker({}, files);
    worker.wake();
    await expect.poll(async () => (await bed.message(reply.id))?.status).toBe('sent');
    expect((await jobOf(attachmentId)).state).toBe('pending');
    hung.closeAllConnections();
  });
});
