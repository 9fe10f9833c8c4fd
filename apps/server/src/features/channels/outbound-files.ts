import type { Db } from '../../db/client.ts';
import { describeFiles, type FileStore, findMessageFiles, signFileLink } from '../files/index.ts';
import type { MessageRow } from './channels.repo.ts';
import type { OutboundFile } from './outbound-media.ts';

/** What sending a reply's files needs: the store holding them and the server's public address. */
export type OutboundMediaDeps = { files: FileStore; publicUrl: string };

const WITH_FILES = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/**
 * A reply's files for its channel, with their caption (the typed text), or nothing for a plain
 * reply. A file whose bytes are gone fails the send (and is retried): a reply never leaves
 * without the files the agent sent.
 */
export async function outboundFilesOf(
  db: Db,
  media: OutboundMediaDeps | undefined,
  message: Pick<MessageRow, 'id' | 'content' | 'text'>,
): Promise<{ files?: OutboundFile[]; caption?: string | null }> {
  if (!message.content || !WITH_FILES.has(message.content.kind)) return {};
  if (!media) throw new Error('Sending files needs the file store (OutboxDeps.media).');
  const rows = await findMessageFiles(db, message.id);
  // The text is the typed one unless it is just the files' own label ("📷 Photo").
  const caption =
    rows.length > 0 && message.text !== describeFiles(rows, '').text ? message.text : null;
  return {
    caption,
    files: rows.map((row) => ({
      id: row.id,
      name: row.name,
      contentType: row.contentType,
      size: row.size,
      url: signFileLink(media.publicUrl, row.id),
      async read() {
        const stored = row.storageKey ? await media.files.get(row.storageKey) : undefined;
        if (!stored) throw new Error(`The file ${row.id} is missing from the store.`);
        const chunks: Buffer[] = [];
        for await (const chunk of stored.body) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      },
    })),
  };
}
