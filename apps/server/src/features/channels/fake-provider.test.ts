import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DeliveryError, sendOutbound } from './adapters.ts';
import { openSecrets } from './test-support.ts';

const script = fileURLToPath(new URL('../../../../../scripts/fake-provider.mjs', import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill();
});

/** Starts the script on a free port; resolves with its base URL and everything it printed. */
function startScript(args: string[]) {
  const child = spawn(process.execPath, [script, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const output: string[] = [];
  const base = new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output.push(chunk);
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(''));
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`fake provider exited with ${code}`)));
  });
  return { base, output };
}

const message = {
  id: 'msg-fake-1',
  chatId: 'chat-1',
  text: 'Your refund is on its way',
  to: '+27821234567',
};

describe('scripts/fake-provider.mjs', () => {
  it('takes signed webhook replies and WhatsApp sends, after failing the first N', async () => {
    const { base: started, output } = startScript(['--secret', 'fake-secret', '--fail', '1']);
    const base = await started;
    const webhook = {
      id: 'w',
      kind: 'webhook' as const,
      enabled: true,
      secrets: openSecrets({ secret: 'fake-secret' }),
      settings: { outboundUrl: `${base}/webhook` },
    };

    const outage = await sendOutbound(webhook, message).catch((err: unknown) => err);
    expect(outage).toBeInstanceOf(DeliveryError);
    expect((outage as DeliveryError).retryable).toBe(true);
    expect(await sendOutbound(webhook, message)).toEqual({ providerMessageId: 'msg-fake-1' });
    const wrongSecret = await sendOutbound(
      { ...webhook, secrets: openSecrets({ secret: 'other' }) },
      message,
    ).catch((err: unknown) => err);
    expect((wrongSecret as DeliveryError).retryable).toBe(false);

    const whatsapp = {
      id: 'wa',
      kind: 'whatsapp' as const,
      enabled: true,
      secrets: openSecrets({ appSecret: 'a', accessToken: 'any' }),
      settings: {
        phoneNumberId: '123',
        apiBaseUrl: `${base}/v21.0`,
      },
    };
    const sent = await sendOutbound(whatsapp, { ...message, text: 'Via WhatsApp' });
    expect(sent.providerMessageId).toMatch(/^wamid\./);

    const received = (await (await fetch(`${base}/received`)).json()) as {
      kind: string;
      to: string;
      text: string;
    }[];
    expect(received).toEqual([
      expect.objectContaining({
        kind: 'webhook',
        to: '+27821234567',
        text: 'Your refund is on its way',
      }),
      expect.objectContaining({
        kind: 'whatsapp',
        to: '+27821234567',
        text: 'Via WhatsApp',
        id: sent.providerMessageId,
      }),
    ]);
    // Printed before answering, but the pipe may deliver it a moment after the answer.
    await vi.waitFor(() => {
      expect(output.join('')).toContain('reply to +27821234567: Your refund is on its way');
      expect(output.join('')).toContain('reply to +27821234567: Via WhatsApp');
    });
  });

  it('takes SMS sends in Twilio’s and Clickatell’s formats', async () => {
    const base = await startScript([]).base;
    const twilio = {
      id: 'sms-tw',
      kind: 'sms' as const,
      enabled: true,
      secrets: openSecrets({ authToken: 'token' }),
      settings: {
        provider: 'twilio',
        accountSid: `AC${'0'.repeat(32)}`,
        fromNumber: '+27870001111',
        apiBaseUrl: base,
      },
    };
    const clickatell = {
      id: 'sms-ct',
      kind: 'sms' as const,
      enabled: true,
      secrets: openSecrets({ apiKey: 'key' }),
      settings: { provider: 'clickatell', apiBaseUrl: base },
    };
    const viaTwilio = await sendOutbound(twilio, { ...message, text: 'Via Twilio' });
    const viaClickatell = await sendOutbound(clickatell, { ...message, text: 'Via Clickatell' });
    expect(viaTwilio.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(viaClickatell.providerMessageId).toMatch(/^[0-9a-f]{32}$/);
    const nowhere = await sendOutbound(
      { ...twilio, settings: { ...twilio.settings, apiBaseUrl: `${base}/nowhere` } },
      message,
    ).catch((err: unknown) => err);
    expect(nowhere).toBeInstanceOf(DeliveryError);
    const received = (await (await fetch(`${base}/received`)).json()) as unknown[];
    expect(received).toEqual([
      expect.objectContaining({
        kind: 'twilio',
        id: viaTwilio.providerMessageId,
        to: '+27821234567',
        text: 'Via Twilio',
      }),
      expect.objectContaining({
        kind: 'clickatell',
        id: viaClickatell.providerMessageId,
        to: '+27821234567',
        text: 'Via Clickatell',
      }),
    ]);
  });

  it('takes WhatsApp media uploads and media messages, and webhook replies’ attachments', async () => {
    const { base: started } = startScript(['--secret', 'fake-secret']);
    const base = await started;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const file = {
      id: 'file-1',
      name: 'box.png',
      contentType: 'image/png',
      size: png.byteLength,
      url: 'https://desk.example.test/api/files/file-1?expires=1&signature=ab',
      read: async () => png,
    };
    const whatsapp = {
      id: 'wa',
      kind: 'whatsapp' as const,
      enabled: true,
      secrets: openSecrets({ appSecret: 'a', accessToken: 'any' }),
      settings: { phoneNumberId: '123', apiBaseUrl: `${base}/v21.0` },
    };
    const sent = await sendOutbound(whatsapp, {
      ...message,
      text: 'The box',
      caption: 'The box',
      files: [file],
    });
    expect(sent.providerMessageId).toMatch(/^wamid\./);
    const webhook = {
      id: 'w',
      kind: 'webhook' as const,
      enabled: true,
      secrets: openSecrets({ secret: 'fake-secret' }),
      settings: { outboundUrl: `${base}/webhook` },
    };
    await sendOutbound(webhook, { ...message, text: '📷 Photo', files: [file] });

    const received = (await (await fetch(`${base}/received`)).json()) as Record<string, unknown>[];
    expect(received).toEqual([
      expect.objectContaining({
        kind: 'whatsapp-media',
        id: sent.providerMessageId,
        type: 'image',
        caption: 'The box',
        upload: { type: 'image/png', filename: 'box.png', size: png.byteLength },
      }),
      expect.objectContaining({
        kind: 'webhook',
        text: '📷 Photo',
        attachments: [
          {
            id: 'file-1',
            name: 'box.png',
            contentType: 'image/png',
            size: png.byteLength,
            url: file.url,
          },
        ],
      }),
    ]);
  });
});
