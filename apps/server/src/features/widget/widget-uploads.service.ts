import type { AttachmentLimits, UploadedAttachment } from '@parley/contract';
import {
  type IncomingFile,
  readAttachmentLimits,
  storeUpload,
  type UploadDeps,
} from '../files/index.ts';
import { requireWebchat, type WidgetDeps, type WidgetSessionRow } from './widget.service.ts';

export type WidgetUploadDeps = WidgetDeps & UploadDeps;

/** What a visitor may attach, so the widget refuses before uploading. Public, like the config. */
export async function widgetAttachmentLimits(
  deps: WidgetUploadDeps,
  channelId: string,
): Promise<AttachmentLimits> {
  await requireWebchat(deps, channelId);
  return readAttachmentLimits(deps.db);
}

/**
 * A visitor's file, kept for their session until a send carries it: a visitor may start their
 * conversation with a photo, so it belongs to no chat yet. Only this session can send it.
 */
export async function uploadFromWidget(
  deps: WidgetUploadDeps,
  session: WidgetSessionRow,
  read: (maxBytes: number) => Promise<IncomingFile>,
): Promise<UploadedAttachment> {
  const limits = await readAttachmentLimits(deps.db);
  const file = await read(limits.maxBytes);
  return storeUpload(deps, file, { chatId: null, by: { widgetSessionId: session.id } });
}
