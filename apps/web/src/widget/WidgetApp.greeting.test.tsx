import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/FakeSocket.ts';
import { json, mockFetch, problem } from '../test/http.ts';
import { WidgetApp } from './WidgetApp.tsx';

const base = '/api/widget/shop-chat';

beforeEach(() => {
  FakeSocket.reset();
  vi.stubGlobal('WebSocket', FakeSocket);
});

describe('the greeting', () => {
  it('is the first line a visitor sees, above the start form', async () => {
    mockFetch([
      { path: `${base}/session`, reply: () => json({ active: false }) },
      { path: `${base}/messages`, reply: () => problem(401, 'Start a chat first.') },
      {
        path: `${base}/config`,
        reply: () =>
          json({
            allowedOrigins: [],
            acceptsIdentity: false,
            canVerify: false,
            greeting: 'Hi! We answer within minutes.',
          }),
      },
    ]);
    render(<WidgetApp channelId="shop-chat" />);
    const greeting = await screen.findByText('Hi! We answer within minutes.');
    const phone = await screen.findByLabelText('Your phone number');
    expect(greeting.compareDocumentPosition(phone) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('is simply absent when the chat has none', async () => {
    mockFetch([
      { path: `${base}/session`, reply: () => json({ active: false }) },
      { path: `${base}/messages`, reply: () => problem(401, 'Start a chat first.') },
      {
        path: `${base}/config`,
        reply: () =>
          json({ allowedOrigins: [], acceptsIdentity: false, canVerify: false, greeting: null }),
      },
    ]);
    const { container } = render(<WidgetApp channelId="shop-chat" />);
    await screen.findByLabelText('Your phone number');
    expect(container.querySelector('.widget__greeting')).toBeNull();
  });
});
