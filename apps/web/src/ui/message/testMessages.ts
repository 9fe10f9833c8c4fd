import type { Attachment } from '@parley/contract';
import type { MessageParts } from './messageParts.ts';

export function buildParts(overrides: Partial<MessageParts> = {}): MessageParts {
  return {
    id: 'm-1',
    direction: 'in',
    text: 'Hello',
    authorName: 'Thandi Nkosi',
    content: null,
    attachments: [],
    context: null,
    reactions: [],
    editedAt: null,
    originalText: null,
    revokedAt: null,
    ...overrides,
  };
}

export function buildAttachment(overrides: Partial<Attachment> = {}): Attachment {
  return {
    id: 'att-1',
    name: 'box.jpg',
    contentType: 'image/jpeg',
    size: 1_234_567,
    url: '/api/attachments/att-1',
    state: 'ready',
    failureReason: null,
    thumbnailUrl: '/api/attachments/att-1/thumbnail',
    width: 1200,
    height: 900,
    ...overrides,
  };
}
