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
export { attachmentLimitsOf, readAttachmentLimits } from './limits.ts';
export {
  checkUploads,
  claimUploads,
  describeFiles,
  type UploadSender,
} from './send-uploads.service.ts';
export { checkFileLink, FILE_LINK_TTL_MS, signFileLink } from './signed-links.ts';
export { type IncomingFile, storeUpload, type UploadDeps } from './store-upload.service.ts';
export { readUploadBody } from './upload-body.ts';
export { attachUploads, findMessageFiles, type Uploader } from './uploads.repo.ts';
