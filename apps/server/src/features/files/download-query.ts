import { z } from 'zod';

/** `?variant=thumbnail` asks for a picture's small WebP still. */
export const DownloadQuery = z.object({
  variant: z
    .enum(['original', 'thumbnail'])
    .default('original')
    .describe('`thumbnail`: a small WebP still, for pictures only'),
});

/** The bytes themselves, streamed: documented, never serialised. */
export const FileBytes = z.unknown().describe('The file, with the type it was sniffed as');
