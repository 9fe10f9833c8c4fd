import type { ContactCard, MessageContent, MessageContext } from '@parley/contract';
import type { InboundAction, InboundMedia } from '../chats/index.ts';
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

const MAX_TEXT = 4096;

/** Keeps a line readable: one line, trimmed, not endless. */
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();
const clip = (value: string, max = MAX_TEXT) =>
  value.length > max ? `${value.slice(0, max - 1)}…` : value;
const filled = (value: string | undefined | null): string | null =>
  value && value.trim() !== '' ? value.trim() : null;
const withCaption = (label: string, caption: string | null) =>
  caption ? `${label}: ${oneLine(caption)}` : label;

/** An https link to the place on a map (OpenStreetMap: no key, no tracking script). */
export const mapUrlOf = (latitude: number, longitude: number) =>
  `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;

const mediaKindsOf = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'document',
  sticker: 'sticker',
} as const;
type WaMediaType = keyof typeof mediaKindsOf;
const isMediaType = (type: string): type is WaMediaType => type in mediaKindsOf;

/** "WhatsApp could not deliver it: …" for a message we cannot show. */
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

type Body = Omit<WaReading, 'context' | 'replyTo'>;
const plain = (text: string, content: MessageContent | null, media: InboundMedia[] = []): Body => ({
  text: clip(text),
  content,
  media,
  action: null,
});

function readBody(message: WaInboundMessage): Body {
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

type ContentFields = Pick<
  WaInboundMessage,
  | 'text'
  | 'image'
  | 'video'
  | 'audio'
  | 'document'
  | 'sticker'
  | 'location'
  | 'contacts'
  | 'order'
  | 'interactive'
  | 'button'
>;

/** What a content-bearing message says, or undefined when its type or fields are missing. */
function readContent(message: ContentFields, type: string): Body | undefined {
  if (type === 'text') {
    const body = message.text?.body;
    if (body === undefined) return undefined;
    return plain(filled(body) ? body : 'Empty message', null);
  }
  if (isMediaType(type)) return readMedia(message, type);
  if (type === 'location' && message.location) {
    const { latitude, longitude } = message.location;
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
    const name = filled(message.location.name);
    const address = filled(message.location.address);
    const place = [name, address].filter(Boolean).join(', ') || `${latitude}, ${longitude}`;
    return plain(`📍 Location: ${oneLine(place)}`, {
      kind: 'location',
      latitude,
      longitude,
      name,
      address,
      url: filled(message.location.url),
      mapUrl: mapUrlOf(latitude, longitude),
    });
  }
  if (type === 'contacts' && message.contacts && message.contacts.length > 0) {
    const cards = message.contacts.map(toContactCard);
    const [first] = cards;
    const text =
      cards.length === 1 && first
        ? `👤 Contact: ${[first.name, first.phones[0]?.phone].filter(Boolean).join(' ')}`
        : `👤 Contacts: ${cards.map((c) => c.name).join(', ')}`;
    return plain(oneLine(text), { kind: 'contact', contacts: cards });
  }
  if (type === 'order' && message.order) {
    const items = (message.order.product_items ?? []).map((item) => ({
      productId: item.product_retailer_id,
      quantity: item.quantity,
      price: item.item_price ?? null,
      currency: filled(item.currency),
    }));
    const count = items.reduce((sum, item) => sum + (item.quantity > 0 ? item.quantity : 0), 0);
    const note = filled(message.order.text);
    const label = `🛒 Order: ${count} ${count === 1 ? 'item' : 'items'}`;
    return plain(note ? `${label} (${oneLine(note)})` : label, {
      kind: 'order',
      catalogId: filled(message.order.catalog_id),
      note,
      items,
    });
  }
  if (type === 'interactive' && message.interactive) return readInteractive(message.interactive);
  if (type === 'button' && message.button) {
    const title = filled(message.button.text) ?? filled(message.button.payload) ?? 'Button';
    return plain(`↩ ${oneLine(title)}`, {
      kind: 'interactive',
      source: 'template_button',
      replyId: filled(message.button.payload),
      title,
      description: null,
    });
  }
  return undefined;
}

function readMedia(message: ContentFields, type: WaMediaType): Body | undefined {
  const media = message[type];
  if (!media) return undefined;
  const caption = filled(media.caption);
  const declaredType = filled(media.mime_type);
  const file: InboundMedia = {
    source: { provider: 'whatsapp', mediaId: media.id, declaredType, sha256: filled(media.sha256) },
    name: filled(media.filename),
    declaredType,
  };
  switch (type) {
    case 'image':
      return plain(withCaption('📷 Photo', caption), { kind: 'image', caption }, [file]);
    case 'video':
      return plain(withCaption('🎬 Video', caption), { kind: 'video', caption }, [file]);
    case 'audio': {
      // WhatsApp marks recorded notes with `voice`; older notifications only by the Opus codec.
      const voice = media.voice ?? /codecs=opus/i.test(declaredType ?? '');
      return plain(voice ? '🎤 Voice message' : '🎵 Audio', { kind: 'audio', voice }, [file]);
    }
    case 'document': {
      const fileName = filled(media.filename);
      return plain(
        withCaption(`📄 ${oneLine(fileName ?? 'Document')}`, caption),
        {
          kind: 'document',
          caption,
          fileName,
        },
        [file],
      );
    }
    case 'sticker': {
      const animated = media.animated ?? false;
      return plain(animated ? '💟 Animated sticker' : '💟 Sticker', { kind: 'sticker', animated }, [
        file,
      ]);
    }
  }
}

function readInteractive(
  interactive: NonNullable<WaInboundMessage['interactive']>,
): Body | undefined {
  if (interactive.button_reply) {
    const { id, title } = interactive.button_reply;
    return plain(`↩ ${oneLine(title)}`, {
      kind: 'interactive',
      source: 'button',
      replyId: filled(id),
      title,
      description: null,
    });
  }
  if (interactive.list_reply) {
    const { id, title, description } = interactive.list_reply;
    return plain(`↩ ${oneLine(title)}`, {
      kind: 'interactive',
      source: 'list',
      replyId: filled(id),
      title,
      description: filled(description),
    });
  }
  if (interactive.nfm_reply) {
    // A Flow's answer: its fields stay readable for staff as the description.
    const title = filled(interactive.nfm_reply.body) ?? 'Form sent';
    return plain(`↩ ${oneLine(title)}`, {
      kind: 'interactive',
      source: 'button',
      replyId: filled(interactive.nfm_reply.name),
      title,
      description: filled(interactive.nfm_reply.response_json)
        ? clip(interactive.nfm_reply.response_json!.trim(), 2000)
        : null,
    });
  }
  return undefined;
}

function toContactCard(contact: NonNullable<WaInboundMessage['contacts']>[number]): ContactCard {
  const name =
    filled(contact.name?.formatted_name) ??
    filled([contact.name?.first_name, contact.name?.last_name].filter(Boolean).join(' ')) ??
    'Unnamed contact';
  return {
    name,
    phones: (contact.phones ?? [])
      .map((p) => ({
        phone: filled(p.phone) ?? (filled(p.wa_id) ? `+${p.wa_id!.trim()}` : null),
        type: filled(p.type),
      }))
      .filter((p): p is { phone: string; type: string | null } => p.phone !== null),
    emails: (contact.emails ?? []).map((e) => filled(e.email)).filter((e): e is string => !!e),
    organization: filled(contact.org?.company),
  };
}

function readReaction(message: WaInboundMessage): Body {
  if (!message.reaction) return unsupported('reaction', 'The reaction names no message.');
  const emoji = filled(message.reaction.emoji);
  return {
    text: emoji ? `${emoji} Reacted to an earlier message` : 'Took back a reaction',
    content: { kind: 'reaction', emoji, messageId: null },
    media: [],
    action: { kind: 'react', target: message.reaction.message_id, emoji },
  };
}

function readEdit(message: WaInboundMessage): Body {
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

function readRevoke(message: WaInboundMessage): Body {
  const target = message.revoke?.original_message_id;
  return {
    text: '🗑 The customer deleted a message',
    content: { kind: 'system', change: 'other', description: 'The customer deleted a message.' },
    media: [],
    action: target ? { kind: 'revoke', target } : null,
  };
}

function readSystem(message: WaInboundMessage): Body {
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
