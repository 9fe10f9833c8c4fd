import { notFound } from '../../errors.ts';
import {
  type Download,
  type DownloadVariant,
  type FileStore,
  openDownload,
} from '../files/index.ts';
import type { WidgetDeps } from './widget.service.ts';
import { findSessionAttachment, type WidgetSessionRow } from './widget.repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_FILE = 'No such file.';

/**
 * A file for the visitor: only one in a chat this session may see (widget.repo.ts
 * `sessionChats`), in a message said since the session began, or one this session uploaded.
 * Anything else, another visitor's file above all, is not found.
 */
export async function openWidgetAttachment(
  deps: WidgetDeps & { files: FileStore },
  session: WidgetSessionRow,
  id: string,
  variant: DownloadVariant,
): Promise<Download> {
  if (!UUID.test(id)) throw notFound(NO_FILE);
  const row = await findSessionAttachment(deps.db, session, id);
  if (!row) throw notFound(NO_FILE);
  return openDownload(deps.files, row, variant);
}
