import { describe, expect, it, vi } from 'vitest';
import { outboxTestbed } from './outbox.test-support.ts';
import { backoffDelay, OPTED_OUT_REASON } from './outbox.worker.ts';
import { verifyWebhookSignature } from './signature.ts';
import { makeChannel, makeQueuedReply } from './test-support.ts';

const bed = outboxTestbed();

const webhookTo = (url: string) =>
  makeChannel(bed.db, {
    kind: 'webhook',
    secret: 'outbound-secret',
    settings: { outboundUrl: `${url}/webhook` },
  });

describe('outbox worker', () => {
  it('delivers a webhook reply, signed, and marks it sent with the provider id', async () => {
    const provider = await bed.provider();
    const channel = await webhookTo(provider.url);
    const { message, chatId, phone } = await makeQueuedReply(bed.db, channel, {
      text: 'We have refunded you',
    });

    expect(await bed.worker().drain()).toBe(1);

    expect(provider.requests).toHaveLength(1);
    const [request] = provider.requests;
    expect(request?.path).toBe('/webhook');
    expect(JSON.parse(request!.body)).toMatchObject({
      messageId: message.id,
      to: phone,
      text: 'We have refunded you',
      chatId,
    });
    expect(
      verifyWebhookSignature('outbound-secret', request!.body, {
        timestamp: request!.headers['x-parley-timestamp'],
        signature: request!.headers['x-parley-signature'],
      }),
    ).toEqual({ ok: true });
    expect(await bed.message(message.id)).toMatchObject({
      status: 'sent',
      providerMessageId: message.id,
    });
    expect(await bed.outboxOf(message.id)).toMatchObject({
      state: 'done',
      attempts: 1,
      lastError: null,
    });
    expect(await bed.frames(chatId)).toEqual([
      expect.objectContaining({ id: message.id, status: 'sent' }),
    ]);
  });

  it('delivers a WhatsApp reply and keeps the wamid for status callbacks', async () => {
    const provider = await bed.provider(() => ({
      status: 200,
      body: { messaging_product: 'whatsapp', messages: [{ id: 'wamid.worker-test' }] },
    }));
    const channel = await makeChannel(bed.db, {
      kind: 'whatsapp',
      secret: null,
      settings: {
        verifyToken: 'v',
        appSecret: 'a',
        accessToken: 'token-1',
        phoneNumberId: '4455',
        apiBaseUrl: `${provider.url}/v21.0`,
      },
    });
    const { message } = await makeQueuedReply(bed.db, channel);
    await bed.worker().drain();
    expect(provider.requests[0]?.path).toBe('/v21.0/4455/messages');
    expect(provider.requests[0]?.headers.authorization).toBe('Bearer token-1');
    expect(await bed.message(message.id)).toMatchObject({
      status: 'sent',
      providerMessageId: 'wamid.worker-test',
    });
  });

  it('marks a web-chat reply sent without calling anyone', async () => {
    const channel = await makeChannel(bed.db, { kind: 'webchat', secret: null });
    const { message } = await makeQueuedReply(bed.db, channel);
    await bed.worker().drain();
    expect(await bed.message(message.id)).toMatchObject({ status: 'sent' });
  });

  it('sends when woken, without waiting for the next poll', async () => {
    const provider = await bed.provider();
    const channel = await webhookTo(provider.url);
    const worker = bed.worker();
    const { message } = await makeQueuedReply(bed.db, channel);
    worker.wake();
    await vi.waitFor(async () => expect((await bed.message(message.id))?.status).toBe('sent'), {
      timeout: 5000,
      interval: 20,
    });
  });

  it('retries after 503s with growing delays, then succeeds', async () => {
    const provider = await bed.provider((n) => ({ status: n < 2 ? 503 : 200 }));
    const channel = await webhookTo(provider.url);
    const { message } = await makeQueuedReply(bed.db, channel);
    // Long enough that the immediate second pass below is never late, even on a busy machine.
    const worker = bed.worker({ baseDelayMs: 1000, maxAttempts: 5 });

    await worker.drain();
    expect(await bed.outboxOf(message.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'The webhook answered HTTP 503.',
    });
    expect((await bed.message(message.id))?.status).toBe('queued');
    // Not due yet: an immediate second pass sends nothing.
    await worker.drain();
    expect(provider.requests).toHaveLength(1);

    await vi.waitFor(
      async () => {
        await worker.drain();
        expect((await bed.message(message.id))?.status).toBe('sent');
      },
      { timeout: 10_000, interval: 10 },
    );
    expect(provider.requests).toHaveLength(3);
    const [first, second, third] = provider.requests.map((r) => r.at);
    // Equal jitter: the first retry waits 500–1000 ms, the second 1000–2000 ms.
    expect(second! - first!).toBeGreaterThanOrEqual(495);
    expect(third! - second!).toBeGreaterThanOrEqual(995);
    expect(await bed.outboxOf(message.id)).toMatchObject({
      state: 'done',
      attempts: 3,
      lastError: null,
    });
  });

  it('gives up after maxAttempts and says why on the message', async () => {
    const provider = await bed.provider(() => ({ status: 503 }));
    const channel = await webhookTo(provider.url);
    const { message, chatId } = await makeQueuedReply(bed.db, channel);
    const worker = bed.worker({ baseDelayMs: 5, maxAttempts: 3 });
    await vi.waitFor(
      async () => {
        await worker.drain();
        expect((await bed.message(message.id))?.status).toBe('failed');
      },
      { timeout: 5000, interval: 10 },
    );
    const reason =
      'Not delivered after 3 attempts. The last answer: The webhook answered HTTP 503.';
    expect(provider.requests).toHaveLength(3);
    expect((await bed.message(message.id))?.failureReason).toBe(reason);
    expect(await bed.outboxOf(message.id)).toMatchObject({
      state: 'failed',
      attempts: 3,
      lastError: reason,
    });
    expect(await bed.frames(chatId)).toEqual([
      expect.objectContaining({ status: 'failed', failureReason: reason }),
    ]);
  });

  it('fails at once when the provider refuses the message (400)', async () => {
    const provider = await bed.provider(() => ({
      status: 400,
      body: { error: 'Unknown recipient' },
    }));
    const channel = await webhookTo(provider.url);
    const { message } = await makeQueuedReply(bed.db, channel);
    await bed.worker({ baseDelayMs: 5 }).drain();
    expect(provider.requests).toHaveLength(1);
    expect(await bed.message(message.id)).toMatchObject({
      status: 'failed',
      failureReason: 'The webhook refused the message (HTTP 400): Unknown recipient.',
    });
    expect(await bed.outboxOf(message.id)).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('does not send to a customer who opted out', async () => {
    const provider = await bed.provider();
    const channel = await webhookTo(provider.url);
    const { message, chatId } = await makeQueuedReply(bed.db, channel, { optedOut: true });
    await bed.worker().drain();
    expect(provider.requests).toHaveLength(0);
    expect(await bed.message(message.id)).toMatchObject({
      status: 'failed',
      failureReason: OPTED_OUT_REASON,
    });
    expect(await bed.outboxOf(message.id)).toMatchObject({ state: 'failed' });
    expect(await bed.frames(chatId)).toEqual([expect.objectContaining({ status: 'failed' })]);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base, with jitter between half and all of it, capped at 5 minutes', () => {
    expect(backoffDelay(0, 1000, () => 0)).toBe(500);
    expect(backoffDelay(0, 1000, () => 1)).toBe(1000);
    expect(backoffDelay(3, 1000, () => 1)).toBe(8000);
    expect(backoffDelay(20, 1000, () => 1)).toBe(300_000);
    expect(backoffDelay(20, 1000, () => 0)).toBe(150_000);
  });
});
