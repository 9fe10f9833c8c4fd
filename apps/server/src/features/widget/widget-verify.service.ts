import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type {
  WidgetConfirmBody,
  WidgetSession,
  WidgetVerifyBody,
  WidgetVerifyReply,
} from '@parley/contract';
import { conflict, tooManyRequests, unprocessable } from '../../errors.ts';
import { transact } from '../../realtime/frames.ts';
import { queueDirectSend } from '../channels/index.ts';
import { claimSessionChat, findChannel, serveQueue } from '../chats/index.ts';
import { formatPhone, normalizePhone } from '../customers/index.ts';
import type { LimitRule, RateLimiter } from '../../http/rate-limiter.ts';
import { widgetChatById } from './widget-state.service.ts';
import * as repo from './widget.repo.ts';
import { requireWebchat, type WidgetDeps, type WidgetSessionRow } from './widget.service.ts';

export const CODE_TTL_MS = 10 * 60_000;
export const CODE_ATTEMPTS = 5;

/** Code sends counted per widget session, per number they go to, and per network address. */
const CODES_PER_SESSION: LimitRule = { name: 'codes-session', limit: 3, windowMs: 10 * 60_000 };
const CODES_PER_NUMBER: LimitRule = { name: 'codes-number', limit: 5, windowMs: 60 * 60_000 };
const CODES_PER_ADDRESS: LimitRule = { name: 'codes-address', limit: 10, windowMs: 10 * 60_000 };

/** Only a hash is stored, salted with the session so one leaked row says nothing of another. */
const hashCode = (sessionId: string, code: string) =>
  createHash('sha256').update(`${sessionId}.${code}`).digest();

/**
 * Sends a six-digit code to the number over the channel's verify link (WhatsApp or an SMS
 * gateway), through the outbox as a direct send. The code itself is stored only as a hash; the
 * outbox row's text is cleared once sent. Sends are limited per session, per number and per
 * address so the form cannot be used to flood someone's phone.
 */
export async function requestCode(
  deps: WidgetDeps,
  session: WidgetSessionRow,
  body: WidgetVerifyBody,
  limiter: RateLimiter,
  address: string,
): Promise<WidgetVerifyReply> {
  const channel = await requireWebchat(deps, session.channelId);
  const via = channel.webchat.verifyChannelId
    ? await findChannel(deps.db, channel.webchat.verifyChannelId)
    : undefined;
  if (!via || !via.enabled || (via.kind !== 'whatsapp' && via.kind !== 'webhook'))
    throw conflict('This chat cannot send verification codes: it has no WhatsApp or SMS link.');
  const phone = normalizePhone(body.phone, channel.defaultRegion);
  if (!phone.ok)
    throw unprocessable('That is not a phone number we can read.', [
      { field: 'phone', message: 'Enter your number, e.g. 082 123 4567 or +27 82 123 4567.' },
    ]);
  // Checked and counted in one step, so parallel requests cannot all slip through.
  const wait = await limiter.take([
    [CODES_PER_SESSION, session.id],
    [CODES_PER_NUMBER, phone.e164],
    [CODES_PER_ADDRESS, address],
  ]);
  if (wait !== undefined)
    throw tooManyRequests(wait, `Too many codes asked for. Try again in ${wait} seconds.`);

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(Date.now() + CODE_TTL_MS);
  await deps.db.transaction(async (tx) => {
    await repo.setCode(tx, session.id, {
      phone: phone.e164,
      hash: hashCode(session.id, code).toString('hex'),
      expiresAt,
    });
    await queueDirectSend(tx, {
      channelId: via.id,
      toPhone: phone.e164,
      body: `${code} is your code to verify your number with ${channel.name}. It expires in 10 minutes. If you did not ask for it, ignore this message.`,
    });
  });
  deps.outbox?.wake();
  return { phone: formatPhone(phone.e164), expiresAt: expiresAt.toISOString() };
}

/**
 * Checks a code. Each try is spent before it is compared, in one statement, so five wrong tries
 * end the code however fast they come; an expired code is refused. On success the session
 * speaks for that number and its unverified chat is settled (chats/session-claim.service.ts).
 */
export async function confirmCode(
  deps: WidgetDeps,
  session: WidgetSessionRow,
  body: WidgetConfirmBody,
): Promise<WidgetSession> {
  const channel = await requireWebchat(deps, session.channelId);
  const spent = await repo.spendCodeAttempt(deps.db, session.id, CODE_ATTEMPTS);
  if (!spent?.codeHash || !spent.codePhone || !spent.codeExpiresAt)
    throw conflict('There is no code to check any more. Ask for a new code.');
  if (spent.codeExpiresAt.getTime() <= Date.now())
    throw conflict('That code has expired. Ask for a new code.');
  const expected = Buffer.from(spent.codeHash, 'hex');
  const given = hashCode(session.id, body.code);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    const left = CODE_ATTEMPTS - spent.codeAttempts;
    throw unprocessable(
      left > 0
        ? `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`
        : 'That code is not right, and no tries are left. Ask for a new code.',
      [{ field: 'code', message: 'That code is not right.' }],
    );
  }
  const phone = spent.codePhone;
  const customer = await repo.upsertCustomer(deps.db, phone, null);
  const settled = await transact(deps, async (tx, emit) => {
    await repo.markVerified(tx, session.id, customer.id);
    return claimSessionChat(tx, emit, {
      sessionId: session.id,
      customerId: customer.id,
      channelId: session.channelId,
    });
  });
  // A closed chat frees its agent.
  if (settled?.outcome === 'closed') await serveQueue(deps);
  const verified = { ...session, customerId: customer.id, verifiedAt: new Date() };
  const open = await repo.findOpenChat(deps.db, verified);
  const chat = open ? await widgetChatById(deps.db, open.id) : null;
  const profile = await repo.findCustomer(deps.db, customer.id);
  return {
    customer: { name: profile?.name ?? '', phone: formatPhone(phone) },
    chat: chat ?? null,
    verified: true,
    canVerify: Boolean(channel.webchat.verifyChannelId),
  };
}
