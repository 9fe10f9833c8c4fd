// Auto-replies: the texts admins write; the chats feature sends them, resolving the words here.
export {
  defaultAutoReplyTexts,
  fillPlaceholders,
  resolveAutoReplyText,
} from './auto-replies.service.ts';
