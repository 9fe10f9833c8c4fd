import type { MessageContent, MessageContext } from '@parley/contract';
import type { InboundAction, InboundMedia } from '../chats/index.ts';
import { clip, filled, oneLine, readContent, type WaBody } from './whatsapp-content.ts';
import { type WaError, WaInboundMessage } from './whatsapp.schema.ts';

/*
 * One WhatsApp message read as what Parley stores: a never-empty one-line `text`, the `content`
 * that says what it really is, where it came from (`context`), the files to fetch (`media`), and
 * for reactions, edits, deletions and number changes the `action` on an earlier message or on the
 * customer. Pure: no database, no clock; unit-tested per type in whatsapp-messages.test.ts.
 */

export type WaReading = {
  text: string;
  content: MessageContent | null;
  context: MessageContext | null;
  /** The provider id of the message quoted, resolved to ours when it is stored. */
  replyTo: { providerMessageId: string; fallback: string | null } | null;
  media: InboundMedia[];
  action: InboundAction | null;
};

/** Why Meta could not show us a message, as it says. */
function reasonOf(errors: WaError[] | undefined): string | null {
  const first = errors?.[0];
  if (!first) return null;
  return filled(first.error_data?.details ?? first.message ?? first.title ?? null);
}

const unsupported = (type: string, reason: string | null): WaReading => ({
  text: `Unsupported message (${oneLine(type) || 'unknown'})`,
  content: { kind: 'unsupported', type: oneLine(type) || 'unknown', reason },
  context: null,
  replyTo: null,
  media: [],
  action: null,
});

/**
 * Reads one message of a notification. `raw` is the message as it came (its envelope already
 * checked); a body that does not read as Meta documents it becomes an unsupported line, never a
 * lost message.
 */
export function readWhatsAppMessage(raw: unknown): WaReading {
  const parsed = WaInboundMessage.safeParse(raw);
  if (!parsed.success) {
    const type =
      typeof (raw as { type?: unknown })?.type === 'string'
        ? (raw as { type: string }).type
        : 'unknown';
    return unsupported(type, 'The message could not be read.');
  }
  const message = parsed.data;
  const context = contextOf(message);
  const replyTo = replyOf(message);
  const body = readBody(message);
  return { ...body, context, replyTo };
}

function readBody(message: WaInboundMessage): WaBody {
  switch (message.type) {
    case 'reaction':
      return readReaction(message);
    case 'edit':
      return readEdit(message);
    case 'revoke':
      return readRevoke(message);
    case 'system':
      return readSystem(message);
    default: {
      const body = readContent(message, message.type);
      return body ?? unsupported(unsupportedType(message), reasonOf(message.errors));
    }
  }
}

/** The kind Meta names for what it cannot show, or the type we do not know. */
const unsupportedType = (message: WaInboundMessage) =>
  message.type === 'unsupported'
    ? (filled(message.unsupported?.type) ?? filled(message.errors?.[0]?.title) ?? 'unsupported')
    : message.type;

function readReaction(message: WaInboundMessage): WaBody {
  if (!message.reaction) return unsupported('reaction', 'The reaction names no message.');
  const emoji = filled(message.reaction.emoji);
  return {
    text: emoji ? `${emoji} Reacted to an earlier message` : 'Took back a reaction',
    content: { kind: 'reaction', emoji, messageId: null },
    media: [],
    action: { kind: 'react', target: message.reaction.message_id, emoji },
  };
}

function readEdit(message: WaInboundMessage): WaBody {
  if (!message.edit) return unsupported('edit', 'The edit names no message.');
  const edited = message.edit.message;
  const type = edited?.type ?? (edited?.text ? 'text' : undefined);
  const body = edited && type ? readContent(edited, type) : undefined;
  return {
    // Only the new wording counts: an edit never brings a new file.
    text: body?.text ?? 'Edited a message',
    content: body?.content ?? null,
    media: [],
    action: { kind: 'edit', target: message.edit.original_message_id },
  };
}

function readRevoke(message: WaInboundMessage): WaBody {
  const target = message.revoke?.original_message_id;
  return {
    text: '🗑 The customer deleted a message',
    content: { kind: 'system', change: 'other', description: 'The customer deleted a message.' },
    media: [],
    action: target ? { kind: 'revoke', target } : null,
  };
}

function readSystem(message: WaInboundMessage): WaBody {
  const system = message.system;
  const type = system?.type ?? '';
  const description = filled(system?.body);
  if (type === 'customer_changed_number' || type === 'user_changed_number') {
    const next = filled(system?.wa_id) ?? filled(String(system?.new_wa_id ?? ''));
    const to = next ? (next.startsWith('+') ? next : `+${next}`) : null;
    return {
      text: to
        ? `📱 The customer changed their number to ${to}`
        : '📱 The customer changed their number',
      content: {
        kind: 'system',
        change: 'number',
        description: description ?? 'The customer changed their number.',
      },
      media: [],
      action: to ? { kind: 'number-changed', to } : null,
    };
  }
  if (type === 'customer_identity_changed') {
    return {
      text: '🔐 The customer’s security code changed',
      content: {
        kind: 'system',
        change: 'identity',
        description: description ?? 'The customer’s security code changed.',
      },
      media: [],
      action: { kind: 'identity-changed' },
    };
  }
  return {
    text: description
      ? `ℹ ${oneLine(clip(description, 500))}`
      : 'ℹ A change on the customer’s side',
    content: {
      kind: 'system',
      change: 'other',
      description: description ?? `WhatsApp reported ${type || 'a change'}.`,
    },
    media: [],
    action: null,
  };
}

function contextOf(message: WaInboundMessage): MessageContext | null {
  const forwarded = message.context?.forwarded ?? false;
  const frequentlyForwarded = message.context?.frequently_forwarded ?? false;
  const referral = message.referral
    ? {
        sourceUrl: filled(message.referral.source_url),
        sourceType: filled(message.referral.source_type),
        headline: filled(message.referral.headline),
        body: filled(message.referral.body),
      }
    : null;
  if (!forwarded && !frequentlyForwarded && !referral && !message.context?.id) return null;
  return {
    replyTo: null,
    forwarded: forwarded || frequentlyForwarded,
    frequentlyForwarded,
    referral,
  };
}

/** The quoted message: resolved to ours when stored; a product the customer asked about reads as such. */
function replyOf(message: WaInboundMessage): WaReading['replyTo'] {
  const id = filled(message.context?.id);
  if (!id) return null;
  const product = filled(message.context?.referred_product?.product_retailer_id);
  return { providerMessageId: id, fallback: product ? `Product ${product}` : null };
}
