import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../db/client.ts';
import { channels, chats, customers, departments, messages, outbox } from '../../db/schema.ts';
import { splitChannelSecrets, testApp, type TestApp } from '../../test/harness.ts';
import type { ChannelSecretName } from '@parley/contract';
import { type OpenSecrets, storeChannelSecrets } from './channel-secrets.ts';

/** A South African mobile number no other test uses (E.164). */
export const uniquePhone = () => `+2782${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

export async function makeChannel(
  db: Db,
  opts: {
    kind: 'webhook' | 'whatsapp' | 'webchat';
    secret?: string | null;
    settings?: Record<string, unknown>;
  },
) {
  const [department] = await db
    .insert(departments)
    .values({ name: `Channels ${randomUUID().slice(0, 8)}` })
    .returning();
  if (!department) throw new Error('no department');
  const split = splitChannelSecrets(
    opts.kind,
    opts.secret === undefined ? 'test-secret' : opts.secret,
    opts.settings ?? {},
  );
  const [channel] = await db
    .insert(channels)
    .values({
      id: `${opts.kind}-${randomUUID().slice(0, 8)}`,
      kind: opts.kind,
      name: `Test ${opts.kind}`,
      departmentId: department.id,
      defaultRegion: 'ZA',
      settings: split.settings,
    })
    .returning();
  if (!channel) throw new Error('no channel');
  await storeChannelSecrets(db, channel.id, split.secrets);
  return channel;
}

/**
 * A staff reply waiting in the outbox, as the chats service writes it: a live chat, a queued
 * outbound message, and its outbox row.
 */
export async function makeQueuedReply(
  db: Db,
  channel: { id: string; departmentId: string },
  opts: {
    text?: string;
    phone?: string;
    optedOut?: boolean;
    chatId?: string;
    providerMessageId?: string;
    status?: 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
    withOutbox?: boolean;
  } = {},
) {
  let chatId = opts.chatId;
  let phone = opts.phone ?? uniquePhone();
  if (!chatId) {
    const [customer] = await db
      .insert(customers)
      .values({ phone, name: 'Thandi Test', optedOutAt: opts.optedOut ? new Date() : null })
      .returning();
    if (!customer) throw new Error('no customer');
    const [chat] = await db
      .insert(chats)
      .values({
        customerId: customer.id,
        channelId: channel.id,
        departmentId: channel.departmentId,
        status: 'live',
      })
      .returning();
    if (!chat) throw new Error('no chat');
    chatId = chat.id;
    phone = customer.phone;
  }
  const [message] = await db
    .insert(messages)
    .values({
      chatId,
      channelId: channel.id,
      direction: 'out',
      text: opts.text ?? 'Thanks, we are on it.',
      authorKind: 'staff',
      status: opts.status ?? 'queued',
      providerMessageId: opts.providerMessageId ?? null,
    })
    .returning();
  if (!message) throw new Error('no message');
  if (opts.withOutbox !== false) await db.insert(outbox).values({ messageId: message.id });
  return { chatId, phone, message };
}

export type ProviderRequest = {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
};

/**
 * A provider on 127.0.0.1 for the outbox to talk to. `answer` decides each response from the
 * request's position (0-based) and the request itself; by default everything is accepted.
 */
export async function startFakeProvider(
  answer: (n: number, req: ProviderRequest) => { status: number; body?: unknown } = () => ({
    status: 200,
  }),
  opts: { delayMs?: number } = {},
) {
  const requests: ProviderRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const { status, body } = answer(requests.length, request);
      requests.push(request);
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body ?? {}));
      }, opts.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The test app; app.ts registers the channel routes. */
export async function channelTestApp(): Promise<TestApp> {
  return testApp();
}

/** Secrets as the sending path sees them once opened: current values, no rotation. */
export function openSecrets(values: Partial<Record<ChannelSecretName, string>>): OpenSecrets {
  return Object.fromEntries(
    Object.entries(values).map(([name, current]) => [
      name,
      { current, previous: null, previousValidUntil: null },
    ]),
  );
}
