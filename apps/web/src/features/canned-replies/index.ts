export { CannedRepliesPage } from './components/CannedRepliesPage.tsx';
export { CannedReplyListbox } from './components/CannedReplyListbox.tsx';
export { findSlashQuery, insertCannedReply, matchCannedReplies } from './cannedMatch.ts';
export { type CannedSuggestions, useCannedSuggestions } from './hooks/useCannedSuggestions.ts';
