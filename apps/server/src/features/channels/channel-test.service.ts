import type { AdminChannelKind, ChannelTestResult } from '@parley/contract';
import { notFound } from '../../errors.ts';
import { type Principal, requireAdmin } from '../../principal.ts';
import type { FetchLike } from './adapters.ts';
import { parseChannelSettings } from './channel-settings.ts';
import { openChannel } from './channel-secrets.ts';
import type { ChannelAdminDeps } from './channels-admin.service.ts';
import { signPayload } from './signature.ts';

export const TEST_TIMEOUT_MS = 5_000;

const result = (
  ok: boolean,
  detail: string,
  status: number | null = null,
  latencyMs: number | null = null,
): ChannelTestResult => ({ ok, detail, status, latencyMs });

/** One request with a deadline, reported as an admin reads it; never throws. */
async function probe(
  fetchImpl: FetchLike,
  who: string,
  url: string,
  init: RequestInit,
): Promise<ChannelTestResult> {
  const started = performance.now();
  try {
    const res = await fetchImpl(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(TEST_TIMEOUT_MS),
    });
    const latencyMs = Math.round(performance.now() - started);
    await res.arrayBuffer().catch(() => undefined);
    return res.ok
      ? result(
          true,
          `${who} answered HTTP ${res.status} in ${latencyMs} ms.`,
          res.status,
          latencyMs,
        )
      : result(
          false,
          `${who} answered HTTP ${res.status}: check the URL and what it expects.`,
          res.status,
          latencyMs,
        );
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      return result(false, `${who} did not answer within ${TEST_TIMEOUT_MS / 1000} seconds.`);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    return result(false, `Could not reach ${who} (${why}).`);
  }
}

/**
 * The Test button: a signed sample to a webhook's outbound URL, the phone number's record from
 * the Graph API with the access token, or a look at a web chat's own settings.
 */
export async function testChannel(
  deps: ChannelAdminDeps & { fetchImpl?: FetchLike },
  principal: Principal,
  id: string,
  origin: string,
): Promise<ChannelTestResult> {
  requireAdmin(principal);
  const channel = await openChannel(deps.db, id);
  if (!channel) throw notFound('No such channel.');
  const fetchImpl = deps.fetchImpl ?? fetch;
  switch (channel.kind as AdminChannelKind) {
    case 'webhook': {
      const parsed = parseChannelSettings('webhook', channel.settings);
      const url = parsed.ok ? parsed.settings.outboundUrl : undefined;
      if (!url) return result(false, 'This channel has no outbound URL: set one to send replies.');
      const secret = channel.secrets.secret?.current;
      if (!secret) return result(false, 'This channel has no secret: rotate it to make one.');
      const body = JSON.stringify({ type: 'test', channelId: channel.id, sentAt: new Date() });
      const timestamp = Math.floor(Date.now() / 1000);
      return probe(fetchImpl, 'The outbound URL', url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-parley-timestamp': String(timestamp),
          'x-parley-signature': signPayload(secret, body, timestamp),
        },
        body,
      });
    }
    case 'whatsapp': {
      const parsed = parseChannelSettings('whatsapp', channel.settings);
      if (!parsed.ok) return result(false, parsed.problem);
      const token = channel.secrets.accessToken?.current;
      if (!token) return result(false, 'This channel has no access token: rotate it to set one.');
      const { apiBaseUrl, phoneNumberId } = parsed.settings;
      return probe(fetchImpl, 'WhatsApp', `${apiBaseUrl}/${encodeURIComponent(phoneNumberId)}`, {
        method: 'GET',
        headers: { authorization: `Bearer ${token}` },
      });
    }
    case 'webchat': {
      const widgetUrl = `${origin}/chat/${channel.id}`;
      if (!channel.enabled)
        return result(false, `The chat is disabled: enable it, and it answers at ${widgetUrl}.`);
      const parsed = parseChannelSettings('webchat', channel.settings);
      if (!parsed.ok) return result(false, parsed.problem);
      const origins = parsed.settings.allowedOrigins;
      const bad = origins.filter((o) => {
        try {
          return new URL(o).origin !== o;
        } catch {
          return true;
        }
      });
      if (bad.length > 0)
        return result(false, `These embedding origins are not bare origins: ${bad.join(', ')}.`);
      return result(
        true,
        origins.length === 0
          ? `The chat is live at ${widgetUrl}; no other site may embed it yet.`
          : `The chat is live at ${widgetUrl}; ${origins.join(', ')} may embed it.`,
      );
    }
    case 'sms': {
      const parsed = parseChannelSettings('sms', channel.settings);
      if (!parsed.ok) return result(false, parsed.problem);
      const settings = parsed.settings;
      if (settings.provider === 'twilio') {
        const token = channel.secrets.authToken?.current;
        if (!token) return result(false, 'This channel has no auth token: rotate it to set one.');
        // The account's own record: proves the SID and token without sending anything.
        const basic = Buffer.from(`${settings.accountSid}:${token}`).toString('base64');
        return probe(
          fetchImpl,
          'Twilio',
          `${settings.apiBaseUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}.json`,
          { method: 'GET', headers: { authorization: `Basic ${basic}` } },
        );
      }
      // Clickatell's API has nothing to read without sending a message: check what is set up.
      if (!channel.secrets.apiKey?.current)
        return result(false, 'This channel has no API key: rotate it to set one.');
      if (!channel.secrets.callbackSecret?.current)
        return result(false, 'This channel has no callback secret: rotate it to make one.');
      return result(
        true,
        `The API key is set; replies go to ${settings.apiBaseUrl}/v1/message. Send yourself a ` +
          'message to see it arrive.',
      );
    }
    default:
      return result(false, 'This kind of channel has no test yet.');
  }
}
