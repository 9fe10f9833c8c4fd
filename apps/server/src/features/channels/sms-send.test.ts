import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError, type OutboundChannel, sendOutbound } from './adapters.ts';
import { CLICKATELL_KEY, TWILIO_SID, TWILIO_TOKEN } from './sms.test-support.ts';
import { openSecrets, startFakeProvider } from './test-support.ts';

type Provider = Awaited<ReturnType<typeof startFakeProvider>>;
let provider: Provider | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

const twilioChannel = (
  apiBaseUrl: string,
  settings: Record<string, unknown> = {},
): OutboundChannel => ({
  id: 'sms-twilio-1',
  kind: 'sms',
  enabled: true,
  settings: {
    provider: 'twilio',
    accountSid: TWILIO_SID,
    fromNumber: '+27870001111',
    apiBaseUrl,
    ...settings,
  },
  secrets: openSecrets({ authToken: TWILIO_TOKEN }),
});
const clickatellChannel = (apiBaseUrl: string): OutboundChannel => ({
  id: 'sms-clickatell-1',
  kind: 'sms',
  enabled: true,
  settings: { provider: 'clickatell', apiBaseUrl, fromNumber: '+27870002222' },
  secrets: openSecrets({ apiKey: CLICKATELL_KEY }),
});
const message = (text = 'Your parcel is on its way.') => ({
  id: 'msg-1',
  chatId: 'chat-1',
  text,
  to: '+27821234567',
});

describe('sending SMS through Twilio', () => {
  it('posts the form with basic auth and a status callback, and keeps the returned sid', async () => {
    provider = await startFakeProvider(() => ({
      status: 201,
      body: { sid: 'SM123', status: 'queued' },
    }));
    const sent = await sendOutbound(twilioChannel(provider.url), message(), fetch, {
      publicUrl: 'https://desk.example.com',
    });
    expect(sent).toEqual({ providerMessageId: 'SM123' });
    const [request] = provider.requests;
    expect(request?.path).toBe(`/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`);
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64')}`,
    );
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      To: '+27821234567',
      From: '+27870001111',
      Body: 'Your parcel is on its way.',
      StatusCallback: 'https://desk.example.com/api/inbound/sms-twilio-1/twilio/status',
    });
  });

  it('sends through a messaging service when one is set', async () => {
    provider = await startFakeProvider(() => ({ status: 201, body: { sid: 'SM124' } }));
    const service = `MG${'c'.repeat(32)}`;
    await sendOutbound(twilioChannel(provider.url, { messagingServiceSid: service }), message());
    const form = new URLSearchParams(provider.requests[0]?.body);
    expect(form.get('MessagingServiceSid')).toBe(service);
    expect(form.has('From')).toBe(false);
  });

  it('retries a 5xx or 429, gives up on a refusal with Twilio’s message', async () => {
    provider = await startFakeProvider((n) =>
      n === 0
        ? { status: 503 }
        : {
            status: 400,
            body: { code: 21211, message: "The 'To' number is not valid.", status: 400 },
          },
    );
    const busy = await sendOutbound(twilioChannel(provider.url), message()).catch(
      (e: unknown) => e,
    );
    expect(busy).toBeInstanceOf(DeliveryError);
    expect((busy as DeliveryError).retryable).toBe(true);
    const refused = await sendOutbound(twilioChannel(provider.url), message()).catch(
      (e: unknown) => e,
    );
    expect((refused as DeliveryError).retryable).toBe(false);
    expect((refused as DeliveryError).reason).toContain("The 'To' number is not valid");
  });

  it('cuts a text longer than ten segments into requests of whole segments', async () => {
    let n = 0;
    provider = await startFakeProvider(() => ({ status: 201, body: { sid: `SM${++n}` } }));
    const text = 'x'.repeat(153 * 10) + 'tail';
    const sent = await sendOutbound(twilioChannel(provider.url), message(text));
    expect(sent.providerMessageId).toBe('SM1');
    const bodies = provider.requests.map((r) => new URLSearchParams(r.body).get('Body'));
    expect(bodies).toEqual(['x'.repeat(1530), 'tail']);
  });
});

describe('sending SMS through Clickatell', () => {
  it('posts JSON with the API key and keeps the returned messageId', async () => {
    provider = await startFakeProvider(() => ({
      status: 202,
      body: { messages: [{ messageId: 'ct-abc', accepted: true, to: '27821234567' }], error: null },
    }));
    const sent = await sendOutbound(clickatellChannel(provider.url), message());
    expect(sent).toEqual({ providerMessageId: 'ct-abc' });
    const [request] = provider.requests;
    expect(request?.path).toBe('/v1/message');
    expect(request?.headers.authorization).toBe(CLICKATELL_KEY);
    expect(JSON.parse(request!.body)).toEqual({
      messages: [
        {
          channel: 'sms',
          to: '27821234567',
          content: 'Your parcel is on its way.',
          from: '27870002222',
        },
      ],
    });
  });

  it('gives up when Clickatell takes the request but not the message', async () => {
    provider = await startFakeProvider(() => ({
      status: 202,
      body: {
        messages: [
          { accepted: false, to: '27821234567', error: { description: 'Invalid destination' } },
        ],
      },
    }));
    const err = await sendOutbound(clickatellChannel(provider.url), message()).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).retryable).toBe(false);
    expect((err as DeliveryError).reason).toContain('Invalid destination');
  });

  it('gives up on a wrong key (401) and names what Clickatell said', async () => {
    provider = await startFakeProvider(() => ({
      status: 401,
      body: { error: { code: 1, description: 'Invalid or missing authentication details' } },
    }));
    const err = await sendOutbound(clickatellChannel(provider.url), message()).catch(
      (e: unknown) => e,
    );
    expect((err as DeliveryError).retryable).toBe(false);
    expect((err as DeliveryError).reason).toContain('Invalid or missing authentication details');
  });
});

describe('sending SMS without what it needs', () => {
  it('gives up at once when a secret or the sender is missing', async () => {
    const noToken = { ...twilioChannel('http://127.0.0.1:1'), secrets: {} };
    await expect(sendOutbound(noToken, message())).rejects.toMatchObject({ retryable: false });
    const noSender = twilioChannel('http://127.0.0.1:1', { fromNumber: undefined });
    await expect(sendOutbound(noSender, message())).rejects.toMatchObject({ retryable: false });
  });
});
