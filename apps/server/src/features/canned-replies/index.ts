// Saved answers staff insert from the composer: personal ones and the desk's shared ones.
export { canEditReply, type CannedReplyDeps } from './canned-replies.service.ts';
export { insertReply as insertCannedReply } from './canned-replies.repo.ts';
