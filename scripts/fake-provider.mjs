#!/usr/bin/env node
// A stand-in for the providers Parley sends replies to, for trying Parley by hand and for tests.
//
//   node scripts/fake-provider.mjs [--port 4010] [--secret demo-secret] [--fail N]
//
// - POST /webhook: the generic webhook channel's replies (set the channel's settings.outboundUrl
//   to http://127.0.0.1:4010/webhook). The X-Parley-Signature is checked with --secret.
// - POST /v21.0/<phoneNumberId>/messages: WhatsApp Cloud API sends (set the channel's
//   settings.apiBaseUrl to http://127.0.0.1:4010/v21.0); any Bearer token is accepted.
// - POST /v21.0/<phoneNumberId>/media: WhatsApp media uploads (multipart), answered with a media id;
//   image, video, audio and document messages then send by that id (see "Outbound media" below).
// - GET /received: everything accepted so far, as JSON.
// - --fail N answers 503 to the first N sends, to watch the outbox retry.
// Each accepted reply prints one line: "reply to +27821234567: <text>".
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    secret: { type: 'string', default: 'demo-secret' },
    fail: { type: 'string', default: '0' },
  },
});
const port = Number(values.port);
const failFirst = Number(values.fail);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}
if (!Number.isInteger(failFirst) || failFirst < 0) {
  console.error(`--fail must be a whole number, not "${values.fail}"`);
  process.exit(2);
}

const received = [];
let sends = 0;

/** The same scheme Parley signs with: HMAC-SHA256 of "<timestamp>.<raw body>", within 5 minutes. */
function signatureProblem(headers, raw) {
  const timestamp = headers['x-parley-timestamp'];
  const signature = headers['x-parley-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return 'not signed';
  const given = /^sha256=([0-9a-f]{64})$/i.exec(signature);
  if (!/^\d+$/.test(timestamp) || !given) return 'malformed signature';
  const expected = createHmac('sha256', values.secret).update(`${timestamp}.`).update(raw).digest();
  if (!timingSafeEqual(expected, Buffer.from(given[1], 'hex'))) return 'wrong signature';
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return 'signature too old';
  return undefined;
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function accept(entry) {
  received.push({ ...entry, at: new Date().toISOString() });
  console.log(`reply to ${entry.to}: ${entry.text}`);
}

function handle(req, res, raw) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/received') return send(res, 200, received);
  if (req.method !== 'POST') return send(res, 404, { error: 'not found' });
  if (handleMediaUpload(req, res, raw, url)) return;

  const whatsapp = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(url.pathname);
  if (url.pathname !== '/webhook' && !whatsapp) return send(res, 404, { error: 'not found' });
  sends += 1;
  if (sends <= failFirst) {
    console.log(`(answering 503 to send ${sends} of the first ${failFirst})`);
    return send(res, 503, { error: 'fake outage' });
  }
  let body;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return send(res, 400, { error: 'body is not JSON' });
  }

  if (!whatsapp) {
    const problem = signatureProblem(req.headers, raw);
    if (problem) {
      console.log(`refused a webhook reply: ${problem}`);
      return send(res, 401, { error: problem });
    }
    accept({
      kind: 'webhook',
      messageId: body.messageId,
      chatId: body.chatId,
      to: body.to,
      text: body.text,
      ...webhookAttachments(body),
    });
    return send(res, 200, { ok: true });
  }

  if (!/^Bearer \S+/.test(req.headers.authorization ?? ''))
    return send(res, 401, { error: { message: 'Invalid OAuth access token', code: 190 } });
  if (handleMediaMessage(res, body, whatsapp[1])) return;
  if (body.type !== 'text' || typeof body.to !== 'string' || typeof body.text?.body !== 'string')
    return send(res, 400, { error: { message: 'Only text messages are faked', code: 100 } });
  const id = `wamid.${randomBytes(12).toString('hex')}`;
  accept({
    kind: 'whatsapp',
    id,
    phoneNumberId: whatsapp[1],
    to: `+${body.to}`,
    text: body.text.body,
  });
  return send(res, 200, {
    messaging_product: 'whatsapp',
    contacts: [{ input: body.to, wa_id: body.to }],
    messages: [{ id }],
  });
}

// ---- Outbound media: files in replies -------------------------------------------------------
// WhatsApp takes a file in two steps: an upload to /<phoneNumberId>/media (multipart: the fields
// messaging_product=whatsapp and type, and the file) answered with {id}, then a message of type
// image|video|audio|document that names it: {id, caption?, filename?}. The webhook channel's
// replies list their files as attachments with signed links. Both show in GET /received.

const uploads = new Map();

/** The fields and the file of a multipart body, as far as a fake needs them. */
function readMultipart(contentType, raw) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!boundary) return undefined;
  const marker = `--${boundary[1] ?? boundary[2]}`;
  const fields = {};
  let file;
  for (const part of raw.toString('latin1').split(marker).slice(1, -1)) {
    const split = part.indexOf('\r\n\r\n');
    const head = part.slice(0, split);
    const value = part.slice(split + 4, -2);
    const name = /name="([^"]*)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (filename !== undefined) file = { filename, size: Buffer.byteLength(value, 'latin1') };
    else if (name) fields[name] = value;
  }
  return { fields, file };
}

function handleMediaUpload(req, res, raw, url) {
  const upload = /^\/v\d+\.\d+\/([^/]+)\/media$/.exec(url.pathname);
  if (!upload) return false;
  if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
    send(res, 401, { error: { message: 'Invalid OAuth access token', code: 190 } });
    return true;
  }
  const form = readMultipart(req.headers['content-type'], raw);
  if (!form?.file || form.fields.messaging_product !== 'whatsapp' || !form.fields.type) {
    send(res, 400, { error: { message: 'Send messaging_product, type and file', code: 100 } });
    return true;
  }
  const id = String(1_000_000_000_000 + uploads.size + Math.floor(Math.random() * 1000));
  uploads.set(id, { type: form.fields.type, filename: form.file.filename, size: form.file.size });
  send(res, 200, { id });
  return true;
}

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document']);

function handleMediaMessage(res, body, phoneNumberId) {
  if (!MEDIA_TYPES.has(body.type) || typeof body.to !== 'string') return false;
  const media = body[body.type] ?? {};
  const upload = uploads.get(media.id);
  if (!upload) {
    send(res, 400, { error: { message: `Unknown media id ${media.id}`, code: 100 } });
    return true;
  }
  const id = `wamid.${randomBytes(12).toString('hex')}`;
  accept({
    kind: 'whatsapp-media',
    id,
    phoneNumberId,
    to: `+${body.to}`,
    type: body.type,
    mediaId: media.id,
    caption: media.caption ?? null,
    filename: media.filename ?? null,
    upload,
    text: media.caption ?? `[${body.type}: ${upload.filename}]`,
  });
  send(res, 200, {
    messaging_product: 'whatsapp',
    contacts: [{ input: body.to, wa_id: body.to }],
    messages: [{ id }],
  });
  return true;
}

/** A webhook reply's files, when it has any: each with its signed link. */
function webhookAttachments(body) {
  return Array.isArray(body.attachments) && body.attachments.length > 0
    ? { attachments: body.attachments }
    : {};
}
// ---- end of outbound media ------------------------------------------------------------------

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => handle(req, res, Buffer.concat(chunks)));
});

server.listen(port, '127.0.0.1', () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  console.log(`Fake provider listening on ${base}`);
  console.log(
    `  webhook channel: settings.outboundUrl = ${base}/webhook (secret "${values.secret}")`,
  );
  console.log(`  WhatsApp channel: settings.apiBaseUrl = ${base}/v21.0`);
});

for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => server.close(() => process.exit(0)));
