/*
 * Files in chats: where their bytes live (the file store), their rows, uploads and downloads,
 * and fetching a customer's media from the provider.
 */
export {
  type AttachmentRow,
  attachmentUrl,
  findAttachmentsOf,
  toAttachment,
} from './attachment-payloads.repo.ts';
export { checkKey, diskFileStore, type FileStore } from './file-store.ts';
export { parseS3Url, s3FileStore, type S3Location } from './s3-store.ts';
export {
  ingestFile,
  type IngestRules,
  isRefused,
  type RefusedFile,
  safeFileName,
  type StoredFile,
} from './ingest.ts';
export {
  type Download,
  type DownloadVariant,
  downloadHeaders,
  findAttachmentRow,
  openDownload,
} from './downloads.service.ts';
export { DownloadQuery, FileBytes } from './download-query.ts';
export {
  startFilesHousekeeping,
  sweepUnsentUploads,
  UNSENT_UPLOAD_MS,
} from './files.housekeeping.ts';
