export { MessageBody, scrollToMessage } from './MessageBody.tsx';
export type { MessageBodyProps } from './MessageBody.tsx';
export { ReactionBadges } from './MessageMarks.tsx';
export { foldReactions } from './reactions.ts';
export type { FoldedReactions } from './reactions.ts';
export { isBare, isNotice, messageElementId, partsOf } from './messageParts.ts';
export type { Audience, MessageParts } from './messageParts.ts';
export { fileSize, fileTypeLabel } from './format.ts';
