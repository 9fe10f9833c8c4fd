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
export {
  ingestFile,
  type IngestRules,
  isRefused,
  type RefusedFile,
  safeFileName,
  type StoredFile,
} from './ingest.ts';
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
export {
  attachUploads,
  findAttachmentRow,
  findMessageFiles,
  type Uploader,
} from './uploads.repo.ts';
