/**
 * Media beside text: customers' text messages must not slow down while their photos are fetched.
 *
 *   npm run bench:media -- [--engine pglite|postgres] [--seconds 8] [--rate 200] [--media 20]
 *
 * One server process (bench/media-server.ts) with a WhatsApp channel whose Graph API is served
 * here. Two open-loop runs at `rate` signed WhatsApp notifications per second against it: text
 * only, then with `media`% of them photos (a ~150 KB JPEG each, fetched by the outbox from this
 * process's fake Graph API after the webhook is answered). Prints the text messages' delivery
 * latency (webhook sent → `message.created` on an agent's socket) in both runs and their ratio,
 * and how long photos took to be ready (→ `message.updated` with the file stored).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Agent, request } from 'node:http';
import sharp from 'sharp';
import WebSocket from 'ws';
import { rooms } from '../apps/server/src/realtime/rooms.ts';
import { APP_SECRET, PHONE_NUMBER_ID } from './media-constants.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    seconds: { type: 'string', default: '8' },
    rate: { type: 'string', default: '200' },
    media: { type: 'string', default: '20' },
  },
});
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const MEDIA_SHARE = Number(values.media) / 100;
const CUSTOMERS = 50;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sort = (xs: number[]) => [...xs].sort((a, b) => a - b);
const waIdOf = (i: number) => `2782${String(1_000_000 + (i % CUSTOMERS)).padStart(7, '0')}`;

/** A photo as phones send them: a JPEG of a few hundred kilobytes of noisy pixels. */
async function makePhoto() {
  const width = 640;
  const height = 480;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919 + ((i / 3) | 0) * 31) & 0xff;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** The Graph API's media record and download, as the WhatsApp adapter calls them. */
async function startGraph(photo: Buffer) {
  const sha256 = createHash('sha256').update(photo).digest('hex');
  let fetched = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const download = /^\/media\/([\w-]+)$/.exec(url.pathname);
    if (download) {
      fetched++;
      // A provider's CDN is not on this machine: about 20 ms to first byte.
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length });
        res.end(photo);
      }, 20);
      return;
    }
    const record = /^\/v21\.0\/([\w-]+)$/.exec(url.pathname);
    if (record) {
      const { port } = server.address() as AddressInfo;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: record[1],
          url: `http://127.0.0.1:${port}/media/${record[1]}`,
          mime_type: 'image/jpeg',
          sha256,
          file_size: photo.length,
          messaging_product: 'whatsapp',
        }),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}/v21.0`, server, fetched: () => fetched };
}

type Ready = { port: number; cookie: string; chatIds: string[]; channelId: string };

function startServer(graph: string): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/media-server.ts',
      '--engine',
      values.engine!,
      '--graph',
      graph,
      '--customers',
      String(CUSTOMERS),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'production' },
    },
  );
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('{"ready"')) resolve({ child, ready: JSON.parse(line) as Ready });
    });
    child.once('exit', (code) => reject(new Error(`media server exited with ${code}`)));
  });
}

const envelope = (message: Record<string, unknown>, waId: string) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: 'WABA-BENCH',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550001111', phone_number_id: PHONE_NUMBER_ID },
            contacts: [{ wa_id: waId, profile: { name: `Bench ${waId.slice(-3)}` } }],
            messages: [
              { from: waId, timestamp: String(Math.floor(Date.now() / 1000)), ...message },
            ],
          },
        },
      ],
    },
  ],
});

async function main() {
  console.log(
    `media bench: engine=${values.engine} seconds=${SECONDS} rate=${RATE}/s media=${values.media}%`,
  );
  const photo = await makePhoto();
  const graph = await startGraph(photo);
  const { child, ready } = await startServer(graph.base);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  const textSent = new Map<string, number>();
  const mediaSent = new Map<string, number>();
  const textDelivery: number[] = [];
  const mediaReady: number[] = [];
  let mediaFailed = 0;
  const ws = new WebSocket(`ws://127.0.0.1:${ready.port}/api/realtime`, {
    headers: { cookie: ready.cookie, origin: `http://127.0.0.1:${ready.port}` },
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.on('message', (raw) => {
    const frame = JSON.parse(String(raw)) as {
      type: string;
      data: {
        text?: string;
        content?: { caption?: string | null } | null;
        attachments?: { state: string }[];
      };
    };
    if (frame.type === 'message.created' && frame.data.text) {
      const sent = textSent.get(frame.data.text);
      if (sent !== undefined) {
        textSent.delete(frame.data.text);
        textDelivery.push(performance.now() - sent);
      }
    }
    const caption = frame.data.content?.caption;
    const state = frame.data.attachments?.[0]?.state;
    if (frame.type === 'message.updated' && caption && state && state !== 'downloading') {
      const sent = mediaSent.get(caption);
      if (sent === undefined) return;
      mediaSent.delete(caption);
      if (state === 'ready') mediaReady.push(performance.now() - sent);
      else mediaFailed++;
    }
  });
  for (const id of ready.chatIds)
    ws.send(JSON.stringify({ type: 'subscribe', room: rooms.chat(id) }));
  await new Promise((r) => setTimeout(r, 300));

  let counter = 0;
  const post = (payload: unknown) => {
    const body = JSON.stringify(payload);
    const signature = `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;
    return new Promise<void>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port: ready.port,
          method: 'POST',
          path: `/api/inbound/${ready.channelId}/whatsapp`,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-hub-signature-256': signature,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
  const sendText = (run: string) => {
    const i = counter++;
    const text = `bench ${run} ${i} ${randomUUID().slice(0, 8)}`;
    textSent.set(text, performance.now());
    return post(
      envelope({ id: `wamid.${randomUUID()}`, type: 'text', text: { body: text } }, waIdOf(i)),
    );
  };
  const sendPhoto = () => {
    const i = counter++;
    const caption = `photo ${i} ${randomUUID().slice(0, 8)}`;
    mediaSent.set(caption, performance.now());
    return post(
      envelope(
        {
          id: `wamid.${randomUUID()}`,
          type: 'image',
          image: {
            id: `bench-${randomUUID()}`,
            mime_type: 'image/jpeg',
            sha256: createHash('sha256').update(photo).digest('base64'),
            caption,
          },
        },
        waIdOf(i),
      ),
    );
  };

  async function run(name: string, share: number) {
    textDelivery.length = 0;
    textSent.clear();
    const total = Math.round(RATE * SECONDS);
    const start = performance.now();
    const inflight: Promise<void>[] = [];
    let photos = 0;
    for (let n = 0; n < total; n++) {
      const due = start + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      // Every fifth message a photo at 20%: spread evenly, not in bursts.
      const isPhoto = share > 0 && Math.floor((n + 1) * share) > Math.floor(n * share);
      if (isPhoto) photos++;
      inflight.push(isPhoto ? sendPhoto() : sendText(name));
    }
    await Promise.all(inflight);
    const deadline = performance.now() + 15_000;
    while ((textSent.size > 0 || (share > 0 && mediaSent.size > 0)) && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const d = sort(textDelivery);
    return {
      texts: d.length,
      photos,
      missing: textSent.size,
      p50: percentile(d, 50),
      p95: percentile(d, 95),
      p99: percentile(d, 99),
    };
  }

  // Warm up (text and photos), then measure.
  await run('warm', MEDIA_SHARE);
  mediaReady.length = 0;
  mediaFailed = 0;
  mediaSent.clear();
  const textOnly = await run('text', 0);
  const fetchedBefore = graph.fetched();
  const withMedia = await run('media', MEDIA_SHARE);
  const r = sort(mediaReady);

  ws.close();
  agent.destroy();
  graph.server.close();
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });

  const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
  const rows = [
    ['', 'text only', `${values.media}% photos`, 'ratio'],
    ['text messages delivered', String(textOnly.texts), String(withMedia.texts), ''],
    [
      'text delivery p50 ms',
      fmt(textOnly.p50),
      fmt(withMedia.p50),
      fmt(withMedia.p50 / textOnly.p50, 2),
    ],
    [
      'text delivery p95 ms',
      fmt(textOnly.p95),
      fmt(withMedia.p95),
      fmt(withMedia.p95 / textOnly.p95, 2),
    ],
    [
      'text delivery p99 ms',
      fmt(textOnly.p99),
      fmt(withMedia.p99),
      fmt(withMedia.p99 / textOnly.p99, 2),
    ],
    ['text frames missing', String(textOnly.missing), String(withMedia.missing), ''],
    ['photos sent / fetched', '', `${withMedia.photos}/${graph.fetched() - fetchedBefore}`, ''],
    [
      'photo ready p50 / p99 ms',
      '',
      `${fmt(percentile(r, 50), 0)}/${fmt(percentile(r, 99), 0)}`,
      '',
    ],
    ['photos failed / not ready', '', `${mediaFailed}/${mediaSent.size}`, ''],
  ];
  for (const row of rows)
    console.log(`| ${row.map((c, i) => (i === 0 ? c.padEnd(26) : c.padStart(11))).join(' | ')} |`);
  const ratio = withMedia.p99 / textOnly.p99;
  console.log(
    ratio <= 1.5
      ? `goal met: text p99 with photos is ${fmt(ratio, 2)}× text-only (≤ 1.5×)`
      : `goal missed: text p99 with photos is ${fmt(ratio, 2)}× text-only (> 1.5×)`,
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
