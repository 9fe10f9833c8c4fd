import { describe, expect, it } from 'vitest';
import { readWhatsAppMessage } from './whatsapp-messages.ts';

const base = { from: '27821234567', id: 'wamid.TEST', timestamp: '1717000000' };
const read = (message: Record<string, unknown>) => readWhatsAppMessage({ ...base, ...message });

describe('readWhatsAppMessage', () => {
  it('reads text as itself, with no content', () => {
    expect(read({ type: 'text', text: { body: 'Where is my parcel?' } })).toEqual({
      text: 'Where is my parcel?',
      content: null,
      context: null,
      replyTo: null,
      media: [],
      action: null,
    });
  });

  it('never answers an empty line for an empty text', () => {
    expect(read({ type: 'text', text: { body: '  ' } }).text).toBe('Empty message');
  });

  it('reads a photo with its caption and the media to fetch', () => {
    const reading = read({
      type: 'image',
      image: {
        id: '1479537139650973',
        mime_type: 'image/jpeg',
        sha256: 'N1E0eHsWWpiDcVP9zGdbqOnNcvH3QH0A1SjJeZ9FBEk=',
        caption: 'the box arrived\nbroken',
      },
    });
    expect(reading.text).toBe('📷 Photo: the box arrived broken');
    expect(reading.content).toEqual({ kind: 'image', caption: 'the box arrived\nbroken' });
    expect(reading.media).toEqual([
      {
        source: {
          provider: 'whatsapp',
          mediaId: '1479537139650973',
          declaredType: 'image/jpeg',
          sha256: 'N1E0eHsWWpiDcVP9zGdbqOnNcvH3QH0A1SjJeZ9FBEk=',
        },
        name: null,
        declaredType: 'image/jpeg',
      },
    ]);
  });

  it('reads a photo without caption, and a video', () => {
    expect(read({ type: 'image', image: { id: 'm1' } }).text).toBe('📷 Photo');
    const video = read({
      type: 'video',
      video: { id: 'm2', mime_type: 'video/mp4', caption: 'look' },
    });
    expect(video.text).toBe('🎬 Video: look');
    expect(video.content).toEqual({ kind: 'video', caption: 'look' });
    expect(video.media).toHaveLength(1);
  });

  it('tells a voice note from an audio file', () => {
    const voice = read({
      type: 'audio',
      audio: { id: 'm3', mime_type: 'audio/ogg; codecs=opus', voice: true },
    });
    expect(voice.text).toBe('🎤 Voice message');
    expect(voice.content).toEqual({ kind: 'audio', voice: true });
    const song = read({
      type: 'audio',
      audio: { id: 'm4', mime_type: 'audio/mpeg', voice: false },
    });
    expect(song.text).toBe('🎵 Audio');
    expect(song.content).toEqual({ kind: 'audio', voice: false });
  });

  it('names a document by its file name', () => {
    const doc = read({
      type: 'document',
      document: { id: 'm5', filename: 'invoice.pdf', mime_type: 'application/pdf' },
    });
    expect(doc.text).toBe('📄 invoice.pdf');
    expect(doc.content).toEqual({ kind: 'document', caption: null, fileName: 'invoice.pdf' });
    expect(doc.media[0]?.name).toBe('invoice.pdf');
    expect(read({ type: 'document', document: { id: 'm6', caption: 'for May' } }).text).toBe(
      '📄 Document: for May',
    );
  });

  it('reads static and animated stickers', () => {
    expect(read({ type: 'sticker', sticker: { id: 'm7', animated: false } })).toMatchObject({
      text: '💟 Sticker',
      content: { kind: 'sticker', animated: false },
    });
    expect(read({ type: 'sticker', sticker: { id: 'm8', animated: true } })).toMatchObject({
      text: '💟 Animated sticker',
      content: { kind: 'sticker', animated: true },
    });
  });

  it('reads a chosen place and a current location', () => {
    const place = read({
      type: 'location',
      location: {
        latitude: -26.2041,
        longitude: 28.0473,
        name: 'Shop 4',
        address: 'Main Rd',
        url: 'https://example.com/shop',
      },
    });
    expect(place.text).toBe('📍 Location: Shop 4, Main Rd');
    expect(place.content).toMatchObject({
      kind: 'location',
      name: 'Shop 4',
      address: 'Main Rd',
      url: 'https://example.com/shop',
    });
    expect(place.content).toHaveProperty('mapUrl', expect.stringMatching(/^https:\/\//));
    const here = read({ type: 'location', location: { latitude: -26.2, longitude: 28.04 } });
    expect(here.text).toBe('📍 Location: -26.2, 28.04');
  });

  it('reads shared contacts as cards', () => {
    const one = read({
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'Sipho Dube', first_name: 'Sipho' },
          phones: [{ phone: '+27 82 555 0101', wa_id: '27825550101', type: 'CELL' }],
          emails: [{ email: 'sipho@example.com', type: 'WORK' }],
          org: { company: 'Dube Transport' },
        },
      ],
    });
    expect(one.text).toBe('👤 Contact: Sipho Dube +27 82 555 0101');
    expect(one.content).toEqual({
      kind: 'contact',
      contacts: [
        {
          name: 'Sipho Dube',
          phones: [{ phone: '+27 82 555 0101', type: 'CELL' }],
          emails: ['sipho@example.com'],
          organization: 'Dube Transport',
        },
      ],
    });
    const two = read({
      type: 'contacts',
      contacts: [{ name: { first_name: 'Ann' } }, { name: { formatted_name: 'Ben' } }],
    });
    expect(two.text).toBe('👤 Contacts: Ann, Ben');
  });

  it('reads an order with its item count', () => {
    const order = read({
      type: 'order',
      order: {
        catalog_id: 'cat-1',
        text: 'Gift wrap please',
        product_items: [
          { product_retailer_id: 'sku-1', quantity: 2, item_price: 99.5, currency: 'ZAR' },
          { product_retailer_id: 'sku-2', quantity: '1', item_price: '10', currency: 'ZAR' },
        ],
      },
    });
    expect(order.text).toBe('🛒 Order: 3 items (Gift wrap please)');
    expect(order.content).toEqual({
      kind: 'order',
      catalogId: 'cat-1',
      note: 'Gift wrap please',
      items: [
        { productId: 'sku-1', quantity: 2, price: 99.5, currency: 'ZAR' },
        { productId: 'sku-2', quantity: 1, price: 10, currency: 'ZAR' },
      ],
    });
  });

  it('reads button, list, flow and template button replies as their text', () => {
    expect(
      read({
        type: 'interactive',
        interactive: {
          type: 'button_reply',
          button_reply: { id: 'cancel', title: 'Yes, cancel it' },
        },
      }),
    ).toMatchObject({
      text: '↩ Yes, cancel it',
      content: {
        kind: 'interactive',
        source: 'button',
        replyId: 'cancel',
        title: 'Yes, cancel it',
      },
    });
    expect(
      read({
        type: 'interactive',
        interactive: {
          type: 'list_reply',
          list_reply: { id: 'slot-2', title: 'Tuesday', description: '9:00 to 12:00' },
        },
      }),
    ).toMatchObject({
      text: '↩ Tuesday',
      content: { kind: 'interactive', source: 'list', description: '9:00 to 12:00' },
    });
    expect(
      read({
        type: 'interactive',
        interactive: {
          type: 'nfm_reply',
          nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"size":"M"}' },
        },
      }),
    ).toMatchObject({ text: '↩ Sent', content: { description: '{"size":"M"}' } });
    expect(
      read({ type: 'button', button: { text: 'Track order', payload: 'TRACK' } }),
    ).toMatchObject({
      text: '↩ Track order',
      content: { kind: 'interactive', source: 'template_button', replyId: 'TRACK' },
    });
  });

  it('reads a reaction and an un-reaction as actions on the message they name', () => {
    const reaction = read({ type: 'reaction', reaction: { message_id: 'wamid.OLD', emoji: '👍' } });
    expect(reaction.action).toEqual({ kind: 'react', target: 'wamid.OLD', emoji: '👍' });
    expect(reaction.text).toBe('👍 Reacted to an earlier message');
    expect(reaction.content).toEqual({ kind: 'reaction', emoji: '👍', messageId: null });
    const back = read({ type: 'reaction', reaction: { message_id: 'wamid.OLD' } });
    expect(back.action).toEqual({ kind: 'react', target: 'wamid.OLD', emoji: null });
    expect(back.text).toBe('Took back a reaction');
  });

  it('reads an edit as the new wording of the message it names', () => {
    const edit = read({
      type: 'edit',
      edit: {
        original_message_id: 'wamid.OLD',
        message: { type: 'text', text: { body: 'Parcel 42, not 24' } },
      },
    });
    expect(edit).toMatchObject({
      text: 'Parcel 42, not 24',
      content: null,
      action: { kind: 'edit', target: 'wamid.OLD' },
      media: [],
    });
    const caption = read({
      type: 'edit',
      edit: {
        original_message_id: 'wamid.PIC',
        message: { type: 'image', image: { id: 'm9', caption: 'the lid' } },
      },
    });
    expect(caption).toMatchObject({ text: '📷 Photo: the lid', media: [] });
  });

  it('reads a revoke as a deletion of the message it names', () => {
    const revoke = read({ type: 'revoke', revoke: { original_message_id: 'wamid.OLD' } });
    expect(revoke.action).toEqual({ kind: 'revoke', target: 'wamid.OLD' });
    expect(revoke.content).toMatchObject({ kind: 'system', change: 'other' });
    expect(revoke.text).toBe('🗑 The customer deleted a message');
  });

  it('reads number and identity changes as customer changes', () => {
    const moved = read({
      type: 'system',
      system: {
        body: 'User Sipho changed from 27821234567 to 27829876543',
        wa_id: '27829876543',
        type: 'customer_changed_number',
      },
    });
    expect(moved.action).toEqual({ kind: 'number-changed', to: '+27829876543' });
    expect(moved.text).toBe('📱 The customer changed their number to +27829876543');
    expect(moved.content).toMatchObject({ kind: 'system', change: 'number' });
    const newer = read({
      type: 'system',
      system: { type: 'user_changed_number', new_wa_id: 27829876543 },
    });
    expect(newer.action).toEqual({ kind: 'number-changed', to: '+27829876543' });
    const identity = read({
      type: 'system',
      system: { body: 'Security code changed', identity: 'abc', type: 'customer_identity_changed' },
    });
    expect(identity.action).toEqual({ kind: 'identity-changed' });
    expect(identity.content).toMatchObject({ kind: 'system', change: 'identity' });
  });

  it('names the kind of an unsupported message, and of a type it does not know', () => {
    const meta = read({
      type: 'unsupported',
      unsupported: { type: 'poll_creation' },
      errors: [
        {
          code: 131051,
          title: 'Message type unknown',
          error_data: { details: 'Message type is currently not supported.' },
        },
      ],
    });
    expect(meta.text).toBe('Unsupported message (poll_creation)');
    expect(meta.content).toEqual({
      kind: 'unsupported',
      type: 'poll_creation',
      reason: 'Message type is currently not supported.',
    });
    expect(read({ type: 'hologram', hologram: { id: 1 } }).text).toBe(
      'Unsupported message (hologram)',
    );
    // A type named like an object's own property is just another unknown type.
    expect(read({ type: 'constructor' }).text).toBe('Unsupported message (constructor)');
    expect(read({ type: 'unsupported', errors: [{ title: 'Message type unknown' }] }).text).toBe(
      'Unsupported message (Message type unknown)',
    );
  });

  it('stores a message whose body does not read as documented as unsupported', () => {
    expect(read({ type: 'image', image: { caption: 'no id' } }).text).toBe(
      'Unsupported message (image)',
    );
    expect(read({ type: 'location', location: { latitude: 'north' } }).content).toMatchObject({
      kind: 'unsupported',
      type: 'location',
    });
  });

  it('reads the reply, forward and ad context', () => {
    const reading = read({
      type: 'text',
      text: { body: 'This one' },
      context: { from: '15550001111', id: 'wamid.QUOTED', forwarded: true },
      referral: {
        source_url: 'https://fb.me/ad',
        source_type: 'ad',
        source_id: '123',
        headline: 'Winter sale',
        body: 'Half price',
      },
    });
    expect(reading.replyTo).toEqual({ providerMessageId: 'wamid.QUOTED', fallback: null });
    expect(reading.context).toEqual({
      replyTo: null,
      forwarded: true,
      frequentlyForwarded: false,
      referral: {
        sourceUrl: 'https://fb.me/ad',
        sourceType: 'ad',
        headline: 'Winter sale',
        body: 'Half price',
      },
    });
    const often = read({
      type: 'text',
      text: { body: 'hi' },
      context: { frequently_forwarded: true },
    });
    expect(often.context).toMatchObject({ forwarded: true, frequentlyForwarded: true });
    const product = read({
      type: 'text',
      text: { body: 'Is it in stock?' },
      context: {
        from: '15550001111',
        id: 'wamid.PRODUCT',
        referred_product: { catalog_id: 'cat-1', product_retailer_id: 'sku-9' },
      },
    });
    expect(product.replyTo).toEqual({
      providerMessageId: 'wamid.PRODUCT',
      fallback: 'Product sku-9',
    });
  });
});
