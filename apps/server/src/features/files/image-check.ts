import sharp, { type Metadata } from 'sharp';

/** The most pixels a picture may have: a 40-megapixel photo opens, a decompression bomb does not. */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** The longer side of a thumbnail, in pixels: enough for a chat list, light to load. */
export const THUMBNAIL_SIZE = 320;

/** Pictures sharp reads and a browser shows: these get dimensions and a thumbnail. */
export const RASTER_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/tiff',
]);

export type ImageFacts =
  | { width: number | null; height: number | null; thumbnail: Uint8Array | null }
  | { refused: string };

/**
 * Reads a raster picture's size from its header and refuses one whose pixels would take more
 * memory to open than any photo needs (a "pixel bomb": a few kilobytes that claim 100 000 × 100 000
 * pixels). Then makes a small WebP thumbnail. A picture sharp cannot decode is kept as a file,
 * without size or thumbnail: what the customer sent is never dropped for being damaged.
 */
export async function checkImage(
  bytes: Uint8Array,
  maxPixels = MAX_IMAGE_PIXELS,
): Promise<ImageFacts> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { width: null, height: null, thumbnail: null };
  }
  const width = meta.width ?? null;
  const height = meta.pageHeight ?? meta.height ?? null;
  if (width === null || height === null) return { width, height, thumbnail: null };
  const pixels = width * height;
  const frames = Math.max(1, meta.pages ?? 1);
  if (pixels > maxPixels || pixels * frames > maxPixels * 10)
    return {
      refused:
        `The picture is too large to open safely (${width} × ${height} pixels` +
        `${frames > 1 ? ` in ${frames} frames` : ''}; at most ${Math.round(maxPixels / 1e6)} megapixels).`,
    };
  return { width, height, thumbnail: await thumbnailOf(bytes, maxPixels) };
}

async function thumbnailOf(bytes: Uint8Array, maxPixels: number): Promise<Uint8Array | null> {
  try {
    // The first frame, turned as the camera meant (EXIF orientation), metadata dropped.
    return await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
  } catch {
    return null;
  }
}
