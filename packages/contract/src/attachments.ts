import { z } from 'zod';

/*
 * What customers send besides text, and the files that go both ways (api.md "Attachments",
 * product.md "What customers send"). Every message keeps a readable one-line `text` (never empty);
 * `content` says what it really is, and `attachments` carries its files.
 */

/**
 * A file's life: a customer's media shows at once as `downloading` while the provider's copy is
 * fetched; `ready` once stored (then `url` serves it); `failed` with a reason when it could not be
 * fetched or was refused (too big, a type that lies, a checksum that does not match).
 */
export const AttachmentState = z.enum(['downloading', 'ready', 'failed']);
export type AttachmentState = z.infer<typeof AttachmentState>;

export const Attachment = z
  .object({
    id: z.string(),
    name: z.string().describe('A safe file name for downloads'),
    contentType: z
      .string()
      .describe('Sniffed from the bytes once stored; the declared type before'),
    size: z.number().int().describe('Bytes; 0 while downloading'),
    url: z.string().describe('GET streams the file to whoever may see its chat'),
    state: AttachmentState,
    failureReason: z.string().nullable(),
    thumbnailUrl: z.string().nullable().describe('A small still for images, null otherwise'),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
  })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof Attachment>;

/** The answer to an upload, before it is sent in a message. */
export const UploadedAttachment = z
  .object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number().int() })
  .meta({ id: 'UploadedAttachment' });
export type UploadedAttachment = z.infer<typeof UploadedAttachment>;

const caption = z.string().nullable().describe('The sender’s caption, also the alt text');

export const ContactCard = z.object({
  name: z.string(),
  phones: z.array(z.object({ phone: z.string(), type: z.string().nullable() })),
  emails: z.array(z.string()),
  organization: z.string().nullable(),
});
export type ContactCard = z.infer<typeof ContactCard>;

/**
 * What a message is when it is not plain text. Each kind keeps what the desk needs to show it as
 * what it is; `text` on the message is its one-line reading ("📷 Photo: the broken box").
 */
export const MessageContent = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('image'), caption }),
    z.object({ kind: z.literal('video'), caption }),
    z.object({ kind: z.literal('audio'), voice: z.boolean().describe('A recorded voice note') }),
    z.object({ kind: z.literal('document'), caption, fileName: z.string().nullable() }),
    z.object({ kind: z.literal('sticker'), animated: z.boolean() }),
    z.object({
      kind: z.literal('location'),
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().nullable(),
      address: z.string().nullable(),
      url: z.string().nullable(),
      mapUrl: z.string().describe('An https link to the place on a map'),
    }),
    z.object({ kind: z.literal('contact'), contacts: z.array(ContactCard) }),
    z.object({
      kind: z.literal('interactive'),
      source: z.enum(['button', 'list', 'template_button']),
      replyId: z
        .string()
        .nullable()
        .describe('The id of the chosen option, as the business set it'),
      title: z.string(),
      description: z.string().nullable(),
    }),
    z.object({
      kind: z.literal('order'),
      catalogId: z.string().nullable(),
      note: z.string().nullable(),
      items: z.array(
        z.object({
          productId: z.string(),
          quantity: z.number(),
          price: z.number().nullable(),
          currency: z.string().nullable(),
        }),
      ),
    }),
    z.object({
      kind: z.literal('reaction'),
      emoji: z.string().nullable().describe('Null when the reaction was taken back'),
      messageId: z
        .string()
        .nullable()
        .describe('Our id of the message reacted to, when we have it'),
    }),
    z.object({
      kind: z.literal('system'),
      change: z.enum(['number', 'identity', 'other']),
      description: z.string(),
    }),
    z.object({
      kind: z.literal('unsupported'),
      type: z.string().describe('The provider’s name for what was sent'),
      reason: z.string().nullable(),
    }),
  ])
  .meta({ id: 'MessageContent' });
export type MessageContent = z.infer<typeof MessageContent>;
export type MessageContentKind = MessageContent['kind'];

/** Where a message came from: a quoted reply, a forward, an ad. Null for a plain message. */
export const MessageContext = z
  .object({
    replyTo: z
      .object({
        messageId: z.string().nullable().describe('Our id of the quoted message, when we have it'),
        text: z.string().describe('Its one-line reading, or "an earlier message"'),
      })
      .nullable(),
    forwarded: z.boolean(),
    frequentlyForwarded: z.boolean(),
    referral: z
      .object({
        sourceUrl: z.string().nullable(),
        sourceType: z.string().nullable(),
        headline: z.string().nullable(),
        body: z.string().nullable(),
      })
      .nullable()
      .describe('The ad or post the customer came from'),
  })
  .meta({ id: 'MessageContext' });
export type MessageContext = z.infer<typeof MessageContext>;

export const Reaction = z
  .object({
    emoji: z.string(),
    by: z.enum(['customer', 'staff']),
    at: z.string(),
  })
  .meta({ id: 'Reaction' });
export type Reaction = z.infer<typeof Reaction>;

/**
 * The fields every message carries besides its text (Message and WidgetMessage alike): a plain
 * text message has `content: null`, no attachments, `context: null`, no reactions, and no marks.
 */
export const MessageExtras = {
  content: MessageContent.nullable(),
  attachments: z.array(Attachment),
  context: MessageContext.nullable(),
  reactions: z.array(Reaction).describe('The latest reaction of each side, on this message'),
  editedAt: z.string().nullable().describe('When the sender edited it; `text` is the new wording'),
  originalText: z.string().nullable().describe('The wording before the first edit'),
  revokedAt: z.string().nullable().describe('When the sender deleted it for everyone'),
};

export const plainMessageExtras = () => ({
  content: null,
  attachments: [],
  context: null,
  reactions: [],
  editedAt: null,
  originalText: null,
  revokedAt: null,
});

/** The file limits every side applies before upload (the server checks again). */
export const AttachmentCategory = z.enum(['images', 'audio', 'video', 'documents', 'text']);
export type AttachmentCategory = z.infer<typeof AttachmentCategory>;

/** The types each category allows, by sniffed content type. */
export const attachmentCategoryTypes: Record<AttachmentCategory, readonly string[]> = {
  images: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
  audio: [
    'audio/ogg',
    'audio/mpeg',
    'audio/mp4',
    'audio/aac',
    'audio/amr',
    'audio/wav',
    'audio/webm',
  ],
  video: ['video/mp4', 'video/3gpp', 'video/webm', 'video/quicktime'],
  documents: [
    'application/pdf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/zip',
  ],
  text: ['text/plain', 'text/csv'],
};

/** Only these are ever shown inline by the browser; everything else downloads. */
export const inlineContentTypes: ReadonlySet<string> = new Set(attachmentCategoryTypes.images);

export const AttachmentLimits = z
  .object({
    maxBytes: z.number().int(),
    categories: z.array(AttachmentCategory),
    contentTypes: z.array(z.string()).describe('Every type the categories allow'),
  })
  .meta({ id: 'AttachmentLimits' });
export type AttachmentLimits = z.infer<typeof AttachmentLimits>;
