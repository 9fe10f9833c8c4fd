import type { ContactCard, MessageContent } from '@parley/contract';
import type { InboundAction, InboundMedia } from '../chats/index.ts';
import type { WaInboundMessage } from './whatsapp.schema.ts';

/*
 * What a WhatsApp message that carries something says: text, media, a place, contact cards, an
 * order, a reply to buttons or a list. Used for messages and for the new version inside an edit.
 */

/** What a message amounts to before its context: its line, content, files and action. */
export type WaBody = {
  text: string;
  content: MessageContent | null;
  media: InboundMedia[];
  action: InboundAction | null;
};

const MAX_TEXT = 4096;

/** Keeps a line readable: one line, trimmed, not endless. */
export const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();
export const clip = (value: string, max = MAX_TEXT) =>
  value.length > max ? `${value.slice(0, max - 1)}…` : value;
export const filled = (value: string | undefined | null): string | null =>
  value && value.trim() !== '' ? value.trim() : null;
const withCaption = (label: string, caption: string | null) =>
  caption ? `${label}: ${oneLine(caption)}` : label;

/** An https link to the place on a map (OpenStreetMap: no key, no tracking script). */
export const mapUrlOf = (latitude: number, longitude: number) =>
  `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;

const mediaTypes = ['image', 'video', 'audio', 'document', 'sticker'] as const;
type WaMediaType = (typeof mediaTypes)[number];
const isMediaType = (type: string): type is WaMediaType =>
  (mediaTypes as readonly string[]).includes(type);

const plain = (
  text: string,
  content: MessageContent | null,
  media: InboundMedia[] = [],
): WaBody => ({
  text: clip(text),
  content,
  media,
  action: null,
});

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
export function readContent(message: ContentFields, type: string): WaBody | undefined {
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

function readMedia(message: ContentFields, type: WaMediaType): WaBody | undefined {
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
): WaBody | undefined {
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
