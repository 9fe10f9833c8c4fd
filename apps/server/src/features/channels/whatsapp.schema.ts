import { z } from 'zod';

/**
 * The parts of a WhatsApp Cloud API webhook notification we read. Meta adds fields over time, so
 * unknown ones are ignored. A message is read in two steps: its envelope (sender, id, type) must
 * be there or the notification is refused; what it carries is read by `WaInboundMessage`, and a
 * message whose body cannot be read, or of a type we do not know, is still stored as unsupported.
 */
const Timestamp = z.union([z.string(), z.number()]);

/** The envelope every message has; the rest is read per type (whatsapp-messages.ts). */
const WaMessage = z.looseObject({
  from: z.string(),
  id: z.string(),
  timestamp: Timestamp.optional(),
  type: z.string(),
});

/** A file the customer sent: fetched later through the Graph API media endpoint by its id. */
const WaMedia = z.object({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  /** Audio recorded in WhatsApp as a voice note. */
  voice: z.boolean().optional(),
  /** A sticker that moves. */
  animated: z.boolean().optional(),
});

const WaLocation = z.object({
  latitude: z.coerce.number(),
  longitude: z.coerce.number(),
  name: z.string().optional(),
  address: z.string().optional(),
  url: z.string().optional(),
});

const WaContactCard = z.object({
  name: z
    .object({
      formatted_name: z.string().optional(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
    })
    .optional(),
  phones: z
    .array(
      z.object({
        phone: z.string().optional(),
        wa_id: z.string().optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
  emails: z.array(z.object({ email: z.string().optional() })).optional(),
  org: z.object({ company: z.string().optional() }).optional(),
});

const WaOrder = z.object({
  catalog_id: z.string().optional(),
  text: z.string().optional(),
  product_items: z
    .array(
      z.object({
        product_retailer_id: z.string(),
        quantity: z.coerce.number(),
        item_price: z.coerce.number().optional(),
        currency: z.string().optional(),
      }),
    )
    .optional(),
});

const WaInteractive = z.object({
  type: z.string(),
  button_reply: z.object({ id: z.string().optional(), title: z.string() }).optional(),
  list_reply: z
    .object({ id: z.string().optional(), title: z.string(), description: z.string().optional() })
    .optional(),
  /** A WhatsApp Flow's answer: its body names it, `response_json` carries the fields. */
  nfm_reply: z
    .object({
      name: z.string().optional(),
      body: z.string().optional(),
      response_json: z.string().optional(),
    })
    .optional(),
});

const WaError = z.object({
  code: z.union([z.number(), z.string()]).optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
});
export type WaError = z.infer<typeof WaError>;

/** What the message answers, quotes or was forwarded as. */
const WaContext = z.object({
  from: z.string().optional(),
  id: z.string().optional(),
  forwarded: z.boolean().optional(),
  frequently_forwarded: z.boolean().optional(),
  referred_product: z
    .object({ catalog_id: z.string().optional(), product_retailer_id: z.string().optional() })
    .optional(),
});

/** The ad or post a customer came from (Click to WhatsApp). */
const WaReferral = z.object({
  source_url: z.string().optional(),
  source_type: z.string().optional(),
  source_id: z.string().optional(),
  headline: z.string().optional(),
  body: z.string().optional(),
  media_type: z.string().optional(),
  ctwa_clid: z.string().optional(),
});

/** The content fields shared by a message and the new version inside an edit. */
const contentFields = {
  context: WaContext.optional(),
  referral: WaReferral.optional(),
  text: z.object({ body: z.string() }).optional(),
  image: WaMedia.optional(),
  video: WaMedia.optional(),
  audio: WaMedia.optional(),
  document: WaMedia.optional(),
  sticker: WaMedia.optional(),
  location: WaLocation.optional(),
  contacts: z.array(WaContactCard).optional(),
  order: WaOrder.optional(),
  interactive: WaInteractive.optional(),
  /** A quick-reply button of a template message. */
  button: z.object({ text: z.string().optional(), payload: z.string().optional() }).optional(),
};

/** An edit's new version of the message: a type and its content. */
const WaEditedMessage = z.object({ type: z.string().optional(), ...contentFields });

/** One inbound message as Meta documents it, every type (webhooks reference, "messages"). */
export const WaInboundMessage = z.object({
  from: z.string(),
  id: z.string(),
  timestamp: Timestamp.optional(),
  type: z.string(),
  ...contentFields,
  /** A reaction, or an empty emoji when the customer took theirs back. */
  reaction: z.object({ message_id: z.string(), emoji: z.string().optional() }).optional(),
  edit: z
    .object({ original_message_id: z.string(), message: WaEditedMessage.optional() })
    .optional(),
  revoke: z.object({ original_message_id: z.string() }).optional(),
  /**
   * A change on the customer's side: their number (`customer_changed_number`, newer
   * `user_changed_number`, with the new id in `wa_id` or `new_wa_id`) or their security identity
   * (`customer_identity_changed`).
   */
  system: z
    .object({
      body: z.string().optional(),
      type: z.string().optional(),
      wa_id: z.string().optional(),
      new_wa_id: z.union([z.string(), z.number()]).optional(),
      identity: z.string().optional(),
      customer: z.string().optional(),
    })
    .optional(),
  unsupported: z.object({ type: z.string().optional() }).optional(),
  errors: z.array(WaError).optional(),
});
export type WaInboundMessage = z.infer<typeof WaInboundMessage>;

const WaContact = z.object({
  wa_id: z.string().optional(),
  profile: z.object({ name: z.string().optional() }).optional(),
});

const WaStatus = z.object({
  id: z.string(),
  status: z.string(),
  timestamp: Timestamp.optional(),
  recipient_id: z.string().optional(),
  errors: z.array(WaError).optional(),
});

export const WaMessagesValue = z.object({
  messaging_product: z.string().optional(),
  metadata: z
    .object({ phone_number_id: z.string().optional(), display_phone_number: z.string().optional() })
    .optional(),
  contacts: z.array(WaContact).optional(),
  messages: z.array(WaMessage).optional(),
  statuses: z.array(WaStatus).optional(),
});
export type WaMessagesValue = z.infer<typeof WaMessagesValue>;

export const WhatsAppNotification = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      // Other fields (template updates, account alerts) carry other shapes: read only 'messages'.
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});
export type WhatsAppNotification = z.infer<typeof WhatsAppNotification>;

export const WhatsAppHandshakeQuery = z.object({
  'hub.mode': z.string().optional(),
  'hub.verify_token': z.string().optional(),
  'hub.challenge': z.string().optional(),
});
