import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DeliveryError, type FetchLike, sendOutbound } from './adapters.ts';
import { verifyWebhookSignature } from './signature.ts';
import { openSecrets } from './test-support.ts';

const message = {
  id: 'msg-1',
  chatId: 'chat-1',
  text: 'Your parcel is on its way',
  to: '+27821234567',
};
const webhook = {
  id: 'hook',
  kind: 'webhook' as const,
  enabled: true,
  secrets: openSecrets({ secret: 's3cret' }),
  settings: { outboundUrl: 'https://example.test/replies' },
};
const whatsapp = {
  id: 'wa',
  kind: 'whatsapp' as const,
  enabled: true,
  secrets: openSecrets({ appSecret: 'a', accessToken: 'EAAG-token' }),
  settings: {
    phoneNumberId: '1098',
    apiBaseUrl: 'https://graph.example.test/v21.0/',
  },
};

type Call = { url: string; init: RequestInit };

/** A fetch that records the call and answers `status` with `body`. */
function answering(status: number, body: unknown = {}) {
  const calls: Call[] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { calls, fetchImpl };
}

const failing =
  (err: unknown): FetchLike =>
  async () => {
    throw err;
  };

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DeliveryError) return err;
    throw err;
  }
  throw new Error('expected a DeliveryError');
}

describe('sendOutbound: generic webhook', () => {
  it('POSTs the reply as JSON, signed with the channel secret', async () => {
    const { calls, fetchImpl } = answering(204);
    const sentAt = new Date('2026-01-02T03:04:05.000Z');
    const result = await sendOutbound(webhook, { ...message, sentAt }, fetchImpl);
    expect(result).toEqual({ providerMessageId: 'msg-1' });
    const [call] = calls;
    expect(call?.url).toBe('https://example.test/replies');
    expect(call?.init.method).toBe('POST');
    const body = String(call?.init.body);
    expect(JSON.parse(body)).toEqual({
      messageId: 'msg-1',
      to: '+27821234567',
      text: 'Your parcel is on its way',
      chatId: 'chat-1',
      sentAt: '2026-01-02T03:04:05.000Z',
      attachments: [],
    });
    const headers = call?.init.headers as Record<string, string>;
    expect(
      verifyWebhookSignature('s3cret', body, {
        timestamp: headers['x-parley-timestamp'],
        signature: headers['x-parley-signature'],
      }),
    ).toEqual({ ok: true });
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it.each([
    [400, false],
    [401, false],
    [404, false],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
  ])('sorts HTTP %i as retryable: %s', async (status, retryable) => {
    const err = await deliveryError(
      sendOutbound(webhook, message, answering(status, { error: 'nope' }).fetchImpl),
    );
    expect(err.retryable).toBe(retryable);
    expect(err.reason).toContain(`HTTP ${status}`);
  });

  it('retries after a timeout or a network failure', async () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const timedOut = await deliveryError(sendOutbound(webhook, message, failing(timeout)));
    expect(timedOut).toMatchObject({
      retryable: true,
      reason: 'The webhook did not answer within 5 seconds.',
    });

    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const refused = await deliveryError(
      sendOutbound({ ...webhook, settings: { outboundUrl: `http://127.0.0.1:${port}/` } }, message),
    );
    expect(refused).toMatchObject({
      retryable: true,
      reason: 'Could not reach the webhook (ECONNREFUSED).',
    });
  });

  it('gives up at once on a channel without an outbound URL or secret', async () => {
    const noUrl = await deliveryError(
      sendOutbound({ ...webhook, settings: {} }, message, answering(200).fetchImpl),
    );
    expect(noUrl).toMatchObject({
      retryable: false,
      reason: 'The webhook channel has no outbound URL configured.',
    });
    const noSecret = await deliveryError(
      sendOutbound({ ...webhook, secrets: {} }, message, answering(200).fetchImpl),
    );
    expect(noSecret.retryable).toBe(false);
    const badUrl = await deliveryError(
      sendOutbound(
        { ...webhook, settings: { outboundUrl: 'not a url' } },
        message,
        answering(200).fetchImpl,
      ),
    );
    expect(badUrl.reason).toMatch(/outboundUrl/);
  });
});

describe('sendOutbound: WhatsApp Cloud API', () => {
  it('sends a text message and returns the wamid', async () => {
    const { calls, fetchImpl } = answering(200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: '27821234567', wa_id: '27821234567' }],
      messages: [{ id: 'wamid.HBgL' }],
    });
    expect(await sendOutbound(whatsapp, message, fetchImpl)).toEqual({
      providerMessageId: 'wamid.HBgL',
    });
    const [call] = calls;
    expect(call?.url).toBe('https://graph.example.test/v21.0/1098/messages');
    expect((call?.init.headers as Record<string, string>).authorization).toBe('Bearer EAAG-token');
    expect(JSON.parse(String(call?.init.body))).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '27821234567',
      type: 'text',
      text: { body: 'Your parcel is on its way', preview_url: false },
    });
  });

  it('uses the public Graph API by default', async () => {
    const { calls, fetchImpl } = answering(200, { messages: [{ id: 'wamid.1' }] });
    const { apiBaseUrl: _unused, ...rest } = whatsapp.settings;
    await sendOutbound({ ...whatsapp, settings: rest }, message, fetchImpl);
    expect(calls[0]?.url).toBe('https://graph.facebook.com/v21.0/1098/messages');
  });

  it("explains a refusal with Graph API's error message", async () => {
    const err = await deliveryError(
      sendOutbound(
        whatsapp,
        message,
        answering(400, {
          error: { message: '(#131030) Recipient phone number not in allowed list', code: 131030 },
        }).fetchImpl,
      ),
    );
    expect(err).toMatchObject({
      retryable: false,
      reason:
        'WhatsApp refused the message (HTTP 400): (#131030) Recipient phone number not in allowed list.',
    });
  });

  it('refuses to send with incomplete settings, naming the missing field', async () => {
    const err = await deliveryError(
      sendOutbound(
        { ...whatsapp, settings: { apiBaseUrl: 'https://graph.example.test' } },
        message,
        answering(200).fetchImpl,
      ),
    );
    expect(err.retryable).toBe(false);
    expect(err.reason).toMatch(/phoneNumberId/);
  });

  it('refuses to send without an access token', async () => {
    const err = await deliveryError(
      sendOutbound({ ...whatsapp, secrets: {} }, message, answering(200).fetchImpl),
    );
    expect(err.retryable).toBe(false);
    expect(err.reason).toMatch(/access token/);
  });

  it('fails a reply to a disabled channel at once, saying why', async () => {
    const err = await deliveryError(
      sendOutbound({ ...webhook, enabled: false }, message, answering(200).fetchImpl),
    );
    expect(err.retryable).toBe(false);
    expect(err.reason).toMatch(/disabled/);
  });
});

describe('sendOutbound: web chat', () => {
  it('has nothing to call: the widget reads the socket', async () => {
    const { calls, fetchImpl } = answering(500);
    expect(
      await sendOutbound(
        { id: 'w', kind: 'webchat', enabled: true, secrets: {}, settings: {} },
        message,
        fetchImpl,
      ),
    ).toEqual({});
    expect(calls).toHaveLength(0);
  });
});
