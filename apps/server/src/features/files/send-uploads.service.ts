import type { MessageContent } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { unprocessable } from '../../errors.ts';
import type { AttachmentRow } from './attachment-payloads.repo.ts';
import { attachUploads, findUploads } from './uploads.repo.ts';

/**
 * Sending uploads in a message: each id must be an upload by this sender, for this conversation,
 * not sent yet. Anything else is refused with 422 naming the id, and nothing is sent.
 */
export type UploadSender =
  { kind: 'staff'; staffId: string; chatId: string } | { kind: 'widget'; widgetSessionId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isSendersUpload(row: AttachmentRow, sender: UploadSender) {
  if (sender.kind === 'staff')
    return row.chatId === sender.chatId && row.uploadedByStaffId === sender.staffId;
  // A visitor's uploads belong to their session until a send gives them a chat.
  return row.uploadedByWidgetSessionId === sender.widgetSessionId && row.chatId === null;
}

/**
 * The uploads named, in the order given (repeats once), each checked; 422 names every id that is
 * unknown, someone else's, another conversation's, or already sent. `lock` holds the rows until
 * the transaction ends, so two sends cannot both take one file.
 */
export async function checkUploads(
  db: Db,
  ids: readonly string[],
  sender: UploadSender,
  lock = false,
): Promise<AttachmentRow[]> {
  const wanted = [...new Set(ids)];
  const rows = await findUploads(
    db,
    wanted.filter((id) => UUID.test(id)),
    lock,
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const problems = wanted.flatMap((id) => {
    const row = byId.get(id);
    if (!row || !isSendersUpload(row, sender))
      return [{ field: 'attachments', message: `"${id}" is not a file you uploaded here` }];
    if (row.messageId !== null)
      return [{ field: 'attachments', message: `"${id}" was sent already` }];
    if (row.state !== 'ready')
      return [{ field: 'attachments', message: `"${id}" is not ready to send` }];
    return [];
  });
  if (problems.length > 0)
    throw unprocessable('Some attachments cannot be sent in this message.', problems);
  return wanted.map((id) => byId.get(id)!);
}

/** Checks the uploads under lock and hands them to the message, in the message's transaction. */
export async function claimUploads(
  tx: Db,
  ids: readonly string[],
  sender: UploadSender,
  target: { chatId: string; messageId: string },
): Promise<AttachmentRow[]> {
  const rows = await checkUploads(tx, ids, sender, true);
  await attachUploads(
    tx,
    rows.map((row) => row.id),
    target,
  );
  return rows;
}

type FileKind = 'image' | 'video' | 'audio' | 'document';

const kindOf = (contentType: string): FileKind => {
  const family = contentType.split('/')[0];
  if (family === 'image' || family === 'video' || family === 'audio') return family;
  return 'document';
};

const LABELS: Record<Exclude<FileKind, 'document'>, string> = {
  image: '📷 Photo',
  video: '🎥 Video',
  audio: '🎵 Audio',
};

/**
 * What a message of files is, from its first file's sniffed type, and its readable text: the typed
 * text, or a line naming the file ("📎 invoice.pdf", "📷 Photo"), with how many more there are.
 */
export function describeFiles(
  files: readonly Pick<AttachmentRow, 'name' | 'contentType'>[],
  typed: string,
): { content: MessageContent; text: string } {
  const first = files[0];
  if (!first) throw new Error('describeFiles needs a file');
  const caption = typed.trim() === '' ? null : typed;
  const kind = kindOf(first.contentType);
  const content: MessageContent =
    kind === 'audio'
      ? { kind, voice: false }
      : kind === 'document'
        ? { kind, caption, fileName: first.name }
        : { kind, caption };
  if (caption) return { content, text: caption };
  const label = kind === 'document' ? `📎 ${first.name}` : LABELS[kind];
  const more = files.length - 1;
  return {
    content,
    text: more > 0 ? `${label} and ${more} more file${more === 1 ? '' : 's'}` : label,
  };
}
