import { type AttachmentLimits, attachmentCategoryTypes, type Settings } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { readSettings } from '../settings/index.ts';

/**
 * What may be attached, as the admin set it: the largest size and the categories allowed, with
 * every sniffed type those categories hold. Clients refuse before uploading; uploads check again.
 */
export function attachmentLimitsOf(
  settings: Pick<Settings, 'maxAttachmentMegabytes' | 'allowedAttachmentCategories'>,
): AttachmentLimits {
  const categories = settings.allowedAttachmentCategories;
  return {
    maxBytes: settings.maxAttachmentMegabytes * 1024 * 1024,
    categories,
    contentTypes: categories.flatMap((category) => [...attachmentCategoryTypes[category]]),
  };
}

export async function readAttachmentLimits(db: Db): Promise<AttachmentLimits> {
  return attachmentLimitsOf(await readSettings(db));
}
