import { type Message, plainMessageExtras } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { toWidgetMessage } from './widget-message.ts';

const file = {
  id: '3f0c2a47-5a7e-4c55-9f57-0d2f8a1c9b10',
  name: 'box.png',
  contentType: 'image/png',
  size: 10,
  url: '/api/attachments/3f0c2a47-5a7e-4c55-9f57-0d2f8a1c9b10',
  state: 'ready' as const,
  failureReason: null,
  thumbnailUrl: '/api/attachments/3f0c2a47-5a7e-4c55-9f57-0d2f8a1c9b10?variant=thumbnail',
  width: 1,
  height: 1,
};

const message = (attachments: Message['attachments']): Message =>
  ({
    id: 'm1',
    chatId: 'c1',
    direction: 'in',
    text: '📷 Photo',
    author: { kind: 'customer', name: 'Naledi' },
    status: 'received',
    failureReason: null,
    clientId: null,
    createdAt: new Date(0).toISOString(),
    seq: 1,
    ...plainMessageExtras(),
    attachments,
  }) as Message;

describe('a widget message’s files', () => {
  it('point at the widget’s own path on its channel, never the desk’s', () => {
    const [widgetFile] = toWidgetMessage(message([file]), null, 'web chat/1').attachments;
    const url = `/api/widget/web%20chat%2F1/attachments/${file.id}`;
    expect(widgetFile).toEqual({ ...file, url, thumbnailUrl: `${url}?variant=thumbnail` });
  });

  it('keep a missing thumbnail missing', () => {
    const [widgetFile] = toWidgetMessage(
      message([{ ...file, thumbnailUrl: null, contentType: 'application/pdf' }]),
      null,
      'w',
    ).attachments;
    expect(widgetFile?.thumbnailUrl).toBeNull();
  });
});
