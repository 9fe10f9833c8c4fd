export { commentFrameRule } from './comment-readers.ts';
export { purgeChatComments } from './comment-purge.ts';
export { mayReadComments } from './comment-readers.ts';
