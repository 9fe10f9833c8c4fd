/*
 * Files in replies, as each channel takes them. WhatsApp holds its own copy: each file is uploaded
 * to the Graph API media endpoint, then sent as an image, video, audio or document message by the
 * media id (the caption on the first). The webhook channel's receiver fetches the files itself,
 * through signed links that last a day (files/signed-links.ts). A web chat's widget reads them
 * from the socket, so it needs nothing.
 */

/** A file of a reply, as sending needs it: its facts, a signed link, and its bytes on demand. */
export type OutboundFile = {
  id: string;
  name: string;
  contentType: string;
  size: number;
  /** An absolute, signed link valid for 24 hours: `GET /api/files/{id}?expires=&signature=`. */
  url: string;
  read(): Promise<Uint8Array>;
};

/** The part of the webhook channel's JSON that lists the reply's files. */
export const webhookAttachments = (files: readonly OutboundFile[]) =>
  files.map(({ id, name, contentType, size, url }) => ({ id, name, contentType, size, url }));

type WhatsAppMediaType = 'image' | 'video' | 'audio' | 'document';

/** The types WhatsApp shows as what they are; anything else goes as a document. */
const WHATSAPP_TYPES: Record<Exclude<WhatsAppMediaType, 'document'>, ReadonlySet<string>> = {
  image: new Set(['image/jpeg', 'image/png']),
  video: new Set(['video/mp4', 'video/3gpp']),
  audio: new Set(['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg']),
};

export function whatsAppMediaType(contentType: string): WhatsAppMediaType {
  for (const type of ['image', 'video', 'audio'] as const)
    if (WHATSAPP_TYPES[type].has(contentType)) return type;
  return 'document';
}

/** Posts to the provider, sorting failures into retry or give up (adapters.ts `post`). */
export type ProviderPost = (
  url: string,
  init: { headers: Record<string, string>; body: string | FormData },
) => Promise<Response>;

type WhatsAppTarget = {
  apiBaseUrl: string;
  phoneNumberId: string;
  accessToken: string;
  to: string;
};

/**
 * Sends a reply's files over WhatsApp: for each file an upload, then a message by its media id.
 * The caption (the typed text) rides on the first file that can carry one; audio cannot, so it
 * goes first as its own text. Answers the provider id of the first message sent.
 */
export async function sendWhatsAppMedia(
  post: ProviderPost,
  target: WhatsAppTarget,
  message: { caption: string | null; files: readonly OutboundFile[] },
): Promise<string | undefined> {
  const base = `${target.apiBaseUrl}/${encodeURIComponent(target.phoneNumberId)}`;
  const auth = { authorization: `Bearer ${target.accessToken}` };
  const ids: (string | undefined)[] = [];
  const send = async (payload: Record<string, unknown>) => {
    const res = await post(`${base}/messages`, {
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: target.to.replace(/^\+/, ''),
        ...payload,
      }),
    });
    ids.push(await messageIdOf(res));
  };
  let caption = message.caption;
  const first = message.files[0];
  if (caption && first && whatsAppMediaType(first.contentType) === 'audio') {
    await send({ type: 'text', text: { body: caption, preview_url: false } });
    caption = null;
  }
  for (const file of message.files) {
    const type = whatsAppMediaType(file.contentType);
    const mediaId = await uploadMedia(post, base, auth, file);
    const media: Record<string, string> = { id: mediaId };
    if (caption && type !== 'audio') media.caption = caption;
    if (type === 'document') media.filename = file.name;
    caption = null;
    await send({ type, [type]: media });
  }
  return ids.find((id) => id !== undefined);
}

async function uploadMedia(
  post: ProviderPost,
  base: string,
  auth: Record<string, string>,
  file: OutboundFile,
): Promise<string> {
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', file.contentType);
  form.set('file', new Blob([await file.read()], { type: file.contentType }), file.name);
  const res = await post(`${base}/media`, { headers: auth, body: form });
  let id: unknown;
  try {
    id = ((await res.json()) as { id?: unknown }).id;
  } catch {
    id = undefined;
  }
  if (typeof id !== 'string' || id === '')
    throw new MediaUploadError('WhatsApp accepted the file upload but gave no media id.');
  return id;
}

/** An upload that gave nothing to send by; trying again may help. */
export class MediaUploadError extends Error {}

async function messageIdOf(res: Response): Promise<string | undefined> {
  try {
    const id = ((await res.json()) as { messages?: { id?: unknown }[] }).messages?.[0]?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
