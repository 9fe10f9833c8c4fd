import type { Attachment, MessageContent } from '@parley/contract';

/** "1.2 MB", "640 KB", "12 bytes": decimal units, one decimal below ten. */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${shown} ${units[unit]}`;
}

const typeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/zip': 'ZIP',
  'text/plain': 'Text',
  'text/csv': 'CSV',
};

/** A person's name for a file type: "PDF", "Word", "JPEG image", else the name's extension. */
export function fileTypeLabel(contentType: string, name: string): string {
  const known = typeNames[contentType];
  if (known) return known;
  const [family, subtype] = contentType.split('/');
  if (family && subtype && ['image', 'audio', 'video'].includes(family)) {
    return `${subtype.replace(/^x-/, '').toUpperCase()} ${family}`;
  }
  const extension = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1];
  return extension ? extension.toUpperCase() : 'File';
}

/** "0:42", "12:05", "1:02:03". */
export function durationLabel(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

// Only raster images are ever shown inline (the server serves anything else as a download).
const rasterImages = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

export type MediaKind = 'image' | 'sticker' | 'audio' | 'video' | 'document';

/** How to show a file: what the message says it is, else what its type says. */
export function mediaKindOf(attachment: Attachment, content: MessageContent | null): MediaKind {
  const kind = content?.kind;
  if (kind === 'image' || kind === 'sticker')
    return rasterImages.has(attachment.contentType) || attachment.state !== 'ready'
      ? kind
      : 'document';
  if (kind === 'audio' || kind === 'video' || kind === 'document') return kind;
  if (rasterImages.has(attachment.contentType)) return 'image';
  if (attachment.contentType.startsWith('audio/')) return 'audio';
  if (attachment.contentType.startsWith('video/')) return 'video';
  return 'document';
}

/** Only web links open from a message: a `javascript:` or `data:` address is never a link. */
export function safeWebUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Width and height that fit a box, keeping the picture's shape; a default shape when unknown. */
export function fitInside(
  width: number | null,
  height: number | null,
  box: number,
): { width: number; height: number } {
  if (!width || !height) return { width: box, height: Math.round((box * 3) / 4) };
  const scale = Math.min(1, box / width, box / height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
