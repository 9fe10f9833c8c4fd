import type { AttachmentLimits } from '@parley/contract';
import { fileSize } from '../message/format.ts';

/**
 * Why a file cannot be sent, before a byte of it is uploaded, or null when it may go. The
 * server checks again with the file's real (sniffed) type; a type the browser does not know is
 * left to that check.
 */
export function refuseFile(file: File, limits: AttachmentLimits | undefined): string | null {
  if (file.size === 0) return `${file.name} is empty.`;
  if (!limits) return null;
  if (file.size > limits.maxBytes)
    return `${file.name} is ${fileSize(file.size)}; files can be at most ${fileSize(limits.maxBytes)}.`;
  const type = file.type.split(';')[0]!.trim().toLowerCase();
  if (type && !limits.contentTypes.includes(type))
    return `${file.name} can’t be sent: this type of file (${type}) isn’t allowed here.`;
  return null;
}

/** What the file picker offers: the allowed types, or anything when they are not known yet. */
export const acceptAttribute = (limits: AttachmentLimits | undefined) =>
  limits ? limits.contentTypes.join(',') : undefined;
