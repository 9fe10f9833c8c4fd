import type { MessageContent } from '@parley/contract';
import { AppError, unauthorized } from '../../errors.ts';
import { type InboundInput, receiveInbound } from '../chats/index.ts';
import { parseChannelSettings, type SmsSettings } from './channel-settings.ts';
import { acceptedSecrets, openChannel, type OpenSecrets } from './channel-secrets.ts';
import { type Concatenation, joinSmsParts } from './sms-segments.ts';
import {
  deleteJoinedParts,
  findSmsPart,
  findStaleSets,
  findWaitingParts,
  insertSmsPart,
  markPartsJoined,
  type SmsPartSet,
} from './sms-parts.repo.ts';
import { UNKNOWN_CHANNEL_SECRET } from './signature.ts';
import { type ChannelDeps, checkAgainstAny, disabledChannel } from './webhook.service.ts';

/** How long the parts of a long message wait for the rest before it is stored as it is. */
export const PART_WAIT_MS = 10 * 60_000;
/** How long joined parts are kept so a late repeat of one is still known. */
const JOINED_KEPT_MS = 24 * 60 * 60_000;

type InboundMedia = NonNullable<InboundInput['media']>[number];

export type SmsChannel = {
  id: string;
  settings: SmsSettings;
  secrets: OpenSecrets;
};

/**
 * An SMS channel of this provider with its settings and secrets, or undefined for an id that is
 * unknown, of another kind or provider, or not set up: callers then answer as for a wrong
 * signature, after the same work, so which ids exist cannot be learned.
 */
export async function findSmsChannel(
  deps: ChannelDeps,
  channelId: string,
  provider: SmsSettings['provider'],
): Promise<SmsChannel | undefined> {
  const channel = await openChannel(deps.db, channelId);
  if (!channel || channel.kind !== 'sms') return undefined;
  if (!channel.enabled) throw disabledChannel();
  const parsed = parseChannelSettings('sms', channel.settings);
  if (!parsed.ok || parsed.settings.provider !== provider) return undefined;
  return { id: channel.id, settings: parsed.settings, secrets: channel.secrets };
}

/**
 * Checks a request against the channel's secret (and, during a rotation's grace, the one it
 * replaced), or against a stand-in for an unknown channel. `check` answers true for a match.
 */
export function requireSecret(
  channel: SmsChannel | undefined,
  name: 'authToken' | 'callbackSecret',
  check: (secret: string) => boolean,
  refusal: string,
): SmsChannel {
  const secrets = channel ? acceptedSecrets(channel.secrets, name) : [];
  const result = checkAgainstAny(secrets.length > 0 ? secrets : [UNKNOWN_CHANNEL_SECRET], (s) => ({
    ok: check(s),
  }));
  if (!result.ok || !channel || secrets.length === 0) throw unauthorized(refusal);
  return channel;
}

export type SmsMessage = {
  channelId: string;
  providerMessageId: string;
  from: string;
  text: string;
  sentAt?: Date | undefined;
  media?: InboundMedia[];
  /** Where this part belongs when the provider hands over a long message part by part. */
  concatenation?: Concatenation | undefined;
};

export type SmsOutcome = { duplicate: boolean; waiting: boolean };

const mediaLabel: Record<'image' | 'video' | 'audio' | 'document', string> = {
  image: '📷 Photo',
  video: '🎥 Video',
  audio: '🎤 Audio',
  document: '📄 Document',
};

/** What an MMS is, by its first file's declared type, and its one-line reading. */
export function describeMms(
  body: string,
  media: InboundMedia[],
): { text: string; content: MessageContent | null } {
  const first = media[0];
  if (!first) return { text: body, content: null };
  const type = first.declaredType ?? '';
  const caption = body.trim() === '' ? null : body.trim();
  const kind = type.startsWith('image/')
    ? 'image'
    : type.startsWith('video/')
      ? 'video'
      : type.startsWith('audio/')
        ? 'audio'
        : 'document';
  const content: MessageContent =
    kind === 'audio'
      ? { kind, voice: false }
      : kind === 'document'
        ? { kind, caption, fileName: first.name }
        : { kind, caption };
  const more = media.length > 1 ? ` (+${media.length - 1} more)` : '';
  return {
    text: `${mediaLabel[kind]}${more}${caption ? `: ${caption}` : ''}`,
    content,
  };
}

/**
 * A customer's SMS: stored at once, or, for a part of a long message, kept until every part is
 * in and then stored whole. Answered only once what came is stored, so a provider that gets no
 * answer retries and nothing is lost; a repeat stores nothing new.
 */
export async function receiveSms(deps: ChannelDeps, sms: SmsMessage): Promise<SmsOutcome> {
  const outcome = await receiveOne(deps, sms);
  // Sets still incomplete after PART_WAIT_MS are stored here as far as they go.
  await flushStaleSmsParts(deps);
  return outcome;
}

async function receiveOne(deps: ChannelDeps, sms: SmsMessage): Promise<SmsOutcome> {
  const { text, content } = describeMms(sms.text, sms.media ?? []);
  const part = sms.concatenation;
  if (!part || part.total <= 1) {
    const reply = await receiveInbound(deps, {
      channelId: sms.channelId,
      providerMessageId: sms.providerMessageId,
      from: sms.from,
      text,
      sentAt: sms.sentAt,
      content,
      media: sms.media,
    });
    return { duplicate: reply.duplicate, waiting: false };
  }
  const inserted = await insertSmsPart(deps.db, {
    channelId: sms.channelId,
    providerMessageId: sms.providerMessageId,
    sender: sms.from,
    reference: part.reference,
    total: part.total,
    sequence: part.sequence,
    text: sms.text,
    sentAt: sms.sentAt ?? null,
    receivedAt: new Date(),
  });
  // A repeat of a part already joined: its message is stored.
  const stored = await findSmsPart(deps.db, sms.channelId, sms.providerMessageId);
  if (stored?.joinedAt) return { duplicate: true, waiting: false };
  const set: SmsPartSet = {
    channelId: sms.channelId,
    sender: sms.from,
    reference: part.reference,
    total: part.total,
  };
  const joined = await joinSet(deps, set, false);
  return { duplicate: !inserted, waiting: !joined };
}

/**
 * Stores a set's message when all its parts are in (or, with `evenIfIncomplete`, as far as it
 * goes) and marks the parts joined. Two last parts arriving together both get here; the message
 * id is the first part's, so the second store is a duplicate and changes nothing.
 */
async function joinSet(
  deps: ChannelDeps,
  set: SmsPartSet,
  evenIfIncomplete: boolean,
): Promise<boolean> {
  const parts = await findWaitingParts(deps.db, set);
  const first = parts[0];
  if (!first) return false;
  const { text, complete } = joinSmsParts(parts, set.total);
  if (!complete && !evenIfIncomplete) return false;
  try {
    await receiveInbound(deps, {
      channelId: set.channelId,
      providerMessageId: first.providerMessageId,
      from: set.sender,
      text,
      sentAt: first.sentAt ?? undefined,
    });
  } catch (err) {
    // A sender we cannot read would be refused every time: a late flush lets the set go.
    if (!evenIfIncomplete || !(err instanceof AppError) || err.status !== 422) throw err;
  }
  await markPartsJoined(
    deps.db,
    set.channelId,
    parts.map((p) => p.providerMessageId),
    new Date(),
  );
  return true;
}

/**
 * Stores the long messages whose parts stopped coming: after PART_WAIT_MS each is stored with
 * what arrived, its gaps marked. Also forgets parts joined more than a day ago.
 */
export async function flushStaleSmsParts(
  deps: ChannelDeps,
  now: Date = new Date(),
): Promise<number> {
  const stale = await findStaleSets(deps.db, new Date(now.getTime() - PART_WAIT_MS));
  let stored = 0;
  for (const set of stale) if (await joinSet(deps, set, true)) stored++;
  await deleteJoinedParts(deps.db, new Date(now.getTime() - JOINED_KEPT_MS));
  return stored;
}
