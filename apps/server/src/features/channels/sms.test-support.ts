import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { channels, departments } from '../../db/schema.ts';
import { storeChannelSecrets } from './channel-secrets.ts';
import { twilioSignature } from './sms-twilio.service.ts';

export const TWILIO_SID = `AC${'a1'.repeat(16)}`;
export const TWILIO_TOKEN = 'twilio-auth-token';
export const CLICKATELL_KEY = 'clickatell-api-key';
export const CALLBACK_SECRET = 'cbsec_test-callback-secret';

/** An SMS channel of one provider with its secrets sealed, as an admin would have made it. */
export async function makeSmsChannel(
  db: Db,
  provider: 'twilio' | 'clickatell',
  settings: Record<string, unknown> = {},
) {
  const [department] = await db
    .insert(departments)
    .values({ name: `SMS ${randomUUID().slice(0, 8)}` })
    .returning();
  if (!department) throw new Error('no department');
  const [channel] = await db
    .insert(channels)
    .values({
      id: `sms-${randomUUID().slice(0, 8)}`,
      kind: 'sms',
      name: `Test ${provider}`,
      departmentId: department.id,
      defaultRegion: 'ZA',
      settings:
        provider === 'twilio'
          ? { provider, accountSid: TWILIO_SID, fromNumber: '+27870001111', ...settings }
          : { provider, ...settings },
    })
    .returning();
  if (!channel) throw new Error('no channel');
  await storeChannelSecrets(
    db,
    channel.id,
    provider === 'twilio'
      ? { authToken: TWILIO_TOKEN }
      : { apiKey: CLICKATELL_KEY, callbackSecret: CALLBACK_SECRET },
  );
  return channel;
}

/** A form body as Twilio posts it, and its X-Twilio-Signature for the URL it calls. */
export function twilioPost(url: string, fields: Record<string, string>, token = TWILIO_TOKEN) {
  const params = Object.entries(fields);
  return {
    payload: new URLSearchParams(params).toString(),
    signature: twilioSignature(token, url, params),
  };
}
