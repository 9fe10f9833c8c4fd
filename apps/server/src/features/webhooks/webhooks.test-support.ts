import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { webhookDeliveries } from '../../db/schema.ts';
import { sealWebhookSecret } from './webhook-secret.ts';
import { insertSubscription, updateSubscriptionRow } from './webhooks.repo.ts';

export type Received = { headers: Record<string, string | string[] | undefined>; body: string };

/**
 * A receiver on a free local port. `answer(n)` gives the status for the n-th request (from 0)
 * and, optionally, how long to wait before answering.
 */
export async function startReceiver(
  answer: (n: number) => { status: number; delayMs?: number } = () => ({ status: 200 }),
) {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = requests.length;
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const { status, delayMs = 0 } = answer(n);
      setTimeout(() => res.writeHead(status).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A subscription written as an admin's creation writes it, with a secret the test knows. */
export async function makeSubscription(
  db: Db,
  opts: { url?: string; events?: string[]; active?: boolean; secret?: string } = {},
) {
  const secret = opts.secret ?? `whsec_test_${Math.random().toString(36).slice(2)}`;
  const row = await insertSubscription(db, {
    url: opts.url ?? 'https://receiver.example/hook',
    events: opts.events ?? [
      'chat.created',
      'chat.closed',
      'message.in',
      'message.out',
      'customer.updated',
    ],
    secret: sealWebhookSecret(secret),
    createdBy: null,
  });
  if (opts.active === false) {
    await updateSubscriptionRow(db, row.id, { active: false });
  }
  return { id: row.id, secret };
}

/** A subscription's deliveries, oldest first. */
export function deliveriesOf(db: Db, subscriptionId: string) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.subscriptionId, subscriptionId))
    .orderBy(asc(webhookDeliveries.id));
}
