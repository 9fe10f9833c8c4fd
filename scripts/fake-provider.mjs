#!/usr/bin/env node
// A stand-in for the providers Parley sends replies to, for trying Parley by hand and for tests.
//
//   node scripts/fake-provider.mjs [--port 4010] [--secret demo-secret] [--fail N]
//
// - POST /webhook: the generic webhook channel's replies (set the channel's settings.outboundUrl
//   to http://127.0.0.1:4010/webhook). The X-Parley-Signature is checked with --secret.
// - POST /v21.0/<phoneNumberId>/messages: WhatsApp Cloud API sends (set the channel's
//   settings.apiBaseUrl to http://127.0.0.1:4010/v21.0); any Bearer token is accepted.
// - SMS (see the SMS section below): Twilio's POST /2010-04-01/Accounts/<sid>/Messages.json and
//   Clickatell's POST /v1/message (set the SMS channel's API base URL to http://127.0.0.1:4010).
// - POST /v21.0/<phoneNumberId>/media: WhatsApp media uploads (multipart), answered with a media id;
//   image, video, audio and document messages then send by that id (see "Outbound media" below).
// - GET /received: everything accepted so far, as JSON.
// - WhatsApp media (see "WhatsApp media" below), both with any Bearer token:
//   GET /v21.0/<mediaId> answers the media record {url, mime_type, sha256, file_size, id} whose url
//   is GET /media/<mediaId>, the bytes. Built-in ids make deterministic files: `img-*` a PNG drawn
//   from the id, `pdf-*` a one-page PDF, `ogg-*` Ogg Opus audio bytes, `missing-*` answers 404.
//   POST /media {id, contentType, base64} registers any other file under that id.
// - --fail N answers 503 to the first N sends, to watch the outbox retry.
// Each accepted reply prints one line: "reply to +27821234567: <text>".
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';

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

// ---- WhatsApp media ------------------------------------------------------------------------
// The Graph API's two-step download: the media record, then its url, both with the bearer token.

const registeredMedia = new Map();

/** A PNG made with zlib alone: a gradient whose colour comes from the id. */
function pngOf(id) {
  const [r, g, b] = createHash('sha256').update(id).digest();
  const width = 64;
  const height = 48;
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([(r + x * 2) & 255, (g + y * 3) & 255, b], 1 + x * 3);
    rows.push(row);
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function pdfOf(id) {
  const text = `Invoice ${id}`.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  return Buffer.from(
    '%PDF-1.4\n' +
      '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
      '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R' +
      '/Resources<</Font<</F1 5 0 R>>>>>>endobj\n' +
      `4 0 obj<</Length ${stream.length}>>stream\n${stream}\nendstream endobj\n` +
      '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n' +
      'trailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}

/** The first page of an Ogg Opus stream: enough for a type sniffer to call it audio/ogg. */
function oggOf(id) {
  const page = Buffer.alloc(28);
  page.write('OggS', 0, 'latin1');
  page[5] = 2; // beginning of stream
  page[26] = 1; // one segment
  page[27] = 19; // of 19 bytes
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1;
  head[9] = 1;
  head.writeUInt32LE(48000, 12);
  return Buffer.concat([page, head, createHash('sha256').update(id).digest()]);
}

/** The file under this id: registered, or built from its prefix; undefined for missing-*. */
function mediaFile(id) {
  if (registeredMedia.has(id)) return registeredMedia.get(id);
  if (id.startsWith('img-')) return { contentType: 'image/png', bytes: pngOf(id) };
  if (id.startsWith('pdf-')) return { contentType: 'application/pdf', bytes: pdfOf(id) };
  if (id.startsWith('ogg-')) return { contentType: 'audio/ogg', bytes: oggOf(id) };
  return undefined;
}

/** Answers the media endpoints; false when the request is not one of them. */
function handleMedia(req, res, url, raw) {
  if (req.method === 'POST' && url.pathname === '/media') {
    let body;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return (send(res, 400, { error: 'body is not JSON' }), true);
    }
    if (typeof body.id !== 'string' || typeof body.base64 !== 'string')
      return (send(res, 400, { error: 'need {id, contentType, base64}' }), true);
    registeredMedia.set(body.id, {
      contentType:
        typeof body.contentType === 'string' ? body.contentType : 'application/octet-stream',
      bytes: Buffer.from(body.base64, 'base64'),
    });
    return (send(res, 201, { id: body.id }), true);
  }
  if (req.method !== 'GET') return false;
  const record = /^\/v\d+\.\d+\/([^/]+)$/.exec(url.pathname);
  const file = /^\/media\/([^/]+)$/.exec(url.pathname);
  if (!record && !file) return false;
  if (!/^Bearer \S+/.test(req.headers.authorization ?? ''))
    return (send(res, 401, { error: { message: 'Invalid OAuth access token', code: 190 } }), true);
  const id = decodeURIComponent((record ?? file)[1]);
  const found = mediaFile(id);
  if (!found)
    return (send(res, 404, { error: { message: `Unknown media id ${id}`, code: 100 } }), true);
  if (file) {
    res.writeHead(200, { 'content-type': found.contentType, 'content-length': found.bytes.length });
    res.end(found.bytes);
    return true;
  }
  const base = `http://${req.headers.host ?? `127.0.0.1:${port}`}`;
  send(res, 200, {
    messaging_product: 'whatsapp',
    url: `${base}/media/${encodeURIComponent(id)}`,
    mime_type: found.contentType,
    sha256: createHash('sha256').update(found.bytes).digest('hex'),
    file_size: found.bytes.length,
    id,
  });
  return true;
}

// ---- end of WhatsApp media -----------------------------------------------------------------

function handle(req, res, raw) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (handleMedia(req, res, url, raw)) return;
  if (req.method === 'GET' && url.pathname === '/received') return send(res, 200, received);
  if (req.method !== 'POST') return send(res, 404, { error: 'not found' });
  if (handleMediaUpload(req, res, raw, url)) return;

  if (handleSms(req, res, url, raw)) return;
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

// ---- SMS: Twilio's and Clickatell's send APIs ------------------------------------------------
// Twilio: form-encoded To, From or MessagingServiceSid, Body, StatusCallback; HTTP Basic with the
// account SID. Answers 201 with the message's sid. Clickatell: JSON {messages: [{channel, to,
// content}]} with the API key as Authorization. Answers 202 with each message's messageId.

/** True when the request was an SMS send (answered here). */
function handleSms(req, res, url, raw) {
  const twilio = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
  if (twilio) {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    const [user] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [];
    if (user !== decodeURIComponent(twilio[1])) {
      send(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
      return true;
    }
    const form = new URLSearchParams(raw.toString('utf8'));
    const to = form.get('To');
    const text = form.get('Body');
    if (!to || text === null || !(form.get('From') || form.get('MessagingServiceSid'))) {
      send(res, 400, {
        code: 21604,
        message: "A 'To', 'Body' and 'From' are required.",
        status: 400,
      });
      return true;
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    accept({ kind: 'twilio', id: sid, to, text, statusCallback: form.get('StatusCallback') });
    send(res, 201, { sid, status: 'queued', to, body: text });
    return true;
  }
  if (url.pathname === '/v1/message') {
    if (!req.headers.authorization) {
      send(res, 401, {
        error: { code: 1, description: 'Invalid or missing authentication details' },
      });
      return true;
    }
    let body;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      send(res, 400, { error: { code: 101, description: 'Invalid JSON' } });
      return true;
    }
    const messages = (Array.isArray(body?.messages) ? body.messages : []).map((message) => {
      const messageId = randomBytes(16).toString('hex');
      accept({ kind: 'clickatell', id: messageId, to: `+${message.to}`, text: message.content });
      return { messageId, accepted: true, to: message.to, channel: 'sms' };
    });
    send(res, 202, { messages, error: null });
    return true;
  }
  return false;
}
// ---- end of SMS ------------------------------------------------------------------------------
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
  console.log(`  SMS channel (Twilio or Clickatell): API base URL = ${base}`);
});

for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => server.close(() => process.exit(0)));
