import type { WidgetMessage } from '@parley/contract';
import { plainMessageExtras } from '@parley/contract';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/FakeSocket.ts';
import { json, mockFetch, problem } from '../test/http.ts';
import { WidgetApp } from './WidgetApp.tsx';

// An unverified visitor proving their number with a code, and a send the server says is too fast.

const base = '/api/widget/demo-webchat';
const activeSession = { path: `${base}/session`, reply: () => json({ active: true }) };
const phone = '+27 82 555 0199';

beforeEach(() => {
  FakeSocket.reset();
  vi.stubGlobal('WebSocket', FakeSocket);
});

const conversation = (verified: boolean) =>
  json({ items: [], chat: null, verified, canVerify: true, phone });

describe('proving the number with a code', () => {
  it('sends a code, refuses a wrong one with the reason, and verifies with the right one', async () => {
    let verified = false;
    const { requests } = mockFetch([
      activeSession,
      { path: `${base}/messages`, reply: () => conversation(verified) },
      {
        method: 'POST',
        path: `${base}/verify`,
        reply: () => json({ phone, expiresAt: new Date(Date.now() + 600_000).toISOString() }),
      },
      {
        method: 'POST',
        path: `${base}/verify/confirm`,
        reply: async (request) => {
          const { code } = (await request.json()) as { code: string };
          if (code !== '482913') return problem(422, 'That code is not right. 4 tries left.');
          verified = true;
          return json({ customer: { name: '', phone }, chat: null, verified, canVerify: true });
        },
      },
    ]);
    render(<WidgetApp channelId="demo-webchat" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Verify your number' }));

    const number = screen.getByRole('textbox', { name: 'We’ll send a code to' });
    expect((number as HTMLInputElement).value).toBe(phone);
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    const codeBox = await screen.findByRole('textbox', { name: `Code sent to ${phone}` });
    const asked = requests.find((r) => r.url.endsWith('/verify'));
    expect(await asked?.json()).toEqual({ phone });

    fireEvent.change(codeBox, { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() =>
      expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain(
        'That code is not right. 4 tries left.',
      ),
    );
    expect(codeBox.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { name: `Code sent to ${phone}` })).toBe(codeBox);

    fireEvent.change(codeBox, { target: { value: '482913' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await screen.findByText('Your number is verified.');
    expect(screen.queryByRole('textbox', { name: /^Code sent to/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Verify your number' })).toBeNull();
    const confirms = requests.filter((r) => r.url.endsWith('/verify/confirm'));
    expect(confirms).toHaveLength(2);
  });
});

describe('sending too fast', () => {
  it('keeps the unsent text with the wait, and a retry sends the same message once', async () => {
    const bodies: unknown[] = [];
    mockFetch([
      activeSession,
      { path: `${base}/messages`, reply: () => conversation(false) },
      {
        method: 'POST',
        path: `${base}/messages`,
        reply: async (request) => {
          const body = (await request.json()) as { text: string; clientId: string };
          bodies.push(body);
          if (bodies.length === 1)
            return problem(429, 'You’re sending too fast.', { headers: { 'retry-after': '7' } });
          const message: WidgetMessage = {
            id: 'm-1',
            chatId: 'chat-1',
            direction: 'in',
            text: body.text,
            author: { kind: 'customer', name: 'You' },
            status: 'received',
            createdAt: new Date().toISOString(),
            clientId: body.clientId,
            ...plainMessageExtras(),
          };
          return json({ accepted: true, duplicate: false, chatId: 'chat-1', message });
        },
      },
    ]);
    render(<WidgetApp channelId="demo-webchat" />);
    const box = await screen.findByLabelText('Message');
    fireEvent.change(box, { target: { value: 'Is my order on its way?' } });
    fireEvent.keyDown(box, { key: 'Enter' });

    const talk = screen.getByRole('region', { name: 'Conversation' });
    await within(talk).findByText("Not sent — You're sending too fast — try again in 7 s");
    expect(within(talk).getByText('Is my order on its way?')).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(talk).getByRole('button', { name: 'Try again' }));
    });
    await waitFor(() => expect(within(talk).queryByText(/^Not sent/)).toBeNull());
    expect(within(talk).getAllByText('Is my order on its way?')).toHaveLength(1);

    // The same clientId: had the first attempt arrived after all, nothing would be stored twice.
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual(bodies[0]);
  });
});
