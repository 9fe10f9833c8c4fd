import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { outbox } from '../../db/schema.ts';
import { outboxTestbed } from './outbox.test-support.ts';
import { claimDueOutbox, settleOutbox } from './outbox.repo.ts';
import { makeChannel, makeQueuedReply } from './test-support.ts';

const bed = outboxTestbed();

const webhookTo = (url: string) =>
  makeChannel(bed.db, { kind: 'webhook', settings: { outboundUrl: `${url}/webhook` } });

const messageIdOf = (body: string) => (JSON.parse(body) as { messageId: string }).messageId;

describe('outbox worker, several at once', () => {
  it('never sends a row twice when two workers drain together', async () => {
    const provider = await bed.provider(undefined, { delayMs: 15 });
    const channel = await webhookTo(provider.url);
    const replies = [];
    for (let i = 0; i < 24; i++)
      replies.push(await makeQueuedReply(bed.db, channel, { text: `reply ${i}` }));

    const [a, b] = [bed.worker({ batchSize: 4 }), bed.worker({ batchSize: 4 })];
    const settled = await Promise.all([a.drain(), b.drain()]);

    expect(settled[0]! + settled[1]!).toBe(24);
    // Both took part, or the test proved nothing about sharing.
    expect(settled[0]).toBeGreaterThan(0);
    expect(settled[1]).toBeGreaterThan(0);
    const sent = provider.requests.map((r) => messageIdOf(r.body));
    expect(sent).toHaveLength(24);
    expect(new Set(sent)).toEqual(new Set(replies.map((r) => r.message.id)));
    for (const { message } of replies) expect((await bed.message(message.id))?.status).toBe('sent');
  });

  it('leaves a row leased by a worker that died mid-send alone until the lease runs out', async () => {
    const provider = await bed.provider();
    const channel = await webhookTo(provider.url);
    const { message } = await makeQueuedReply(bed.db, channel);
    const [crashed] = await claimDueOutbox(bed.db, { limit: 100, leaseMs: 30_000 });
    expect(crashed?.messageId).toBe(message.id);

    const worker = bed.worker();
    await worker.drain();
    expect(provider.requests).toHaveLength(0);

    await bed.db
      .update(outbox)
      .set({ nextAttemptAt: sql`now() - interval '1 second'` })
      .where(eq(outbox.messageId, message.id));
    await worker.drain();
    expect(provider.requests).toHaveLength(1);
    expect((await bed.message(message.id))?.status).toBe('sent');
    // The worker that lost its lease cannot overwrite the outcome afterwards.
    expect(await settleOutbox(bed.db, crashed!, { state: 'failed', error: 'late' })).toBe(false);
    expect(await bed.outboxOf(message.id)).toMatchObject({ state: 'done' });
  });

  it("keeps a chat's replies in order: the second waits while the first is retried", async () => {
    const provider = await bed.provider((n) => ({ status: n === 0 ? 503 : 200 }));
    const channel = await webhookTo(provider.url);
    const first = await makeQueuedReply(bed.db, channel, { text: 'first' });
    const second = await makeQueuedReply(bed.db, channel, { chatId: first.chatId, text: 'second' });
    const worker = bed.worker({ baseDelayMs: 20 });
    await vi.waitFor(
      async () => {
        await worker.drain();
        expect((await bed.message(second.message.id))?.status).toBe('sent');
      },
      { timeout: 5000, interval: 10 },
    );
    expect(provider.requests.map((r) => messageIdOf(r.body))).toEqual([
      first.message.id,
      first.message.id,
      second.message.id,
    ]);
  });

  it('finishes the rows in flight when stopped', async () => {
    const provider = await bed.provider(undefined, { delayMs: 100 });
    const channel = await webhookTo(provider.url);
    const { message } = await makeQueuedReply(bed.db, channel);
    const worker = bed.worker();
    worker.wake();
    await vi.waitFor(() => expect(provider.requests).toHaveLength(1), {
      timeout: 5000,
      interval: 5,
    });
    await worker.stop();
    expect((await bed.message(message.id))?.status).toBe('sent');
  });
});
