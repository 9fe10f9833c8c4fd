import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/FakeSocket.ts';
import { json, mockFetch, problem } from '../test/http.ts';
import { WidgetApp } from './WidgetApp.tsx';

// The widget framed by a business's page, which passes it a signed identity with postMessage.

const base = '/api/widget/demo-webchat';
const shop = 'https://shop.example';
const identity = {
  phone: '+27821112233',
  name: 'Thandi',
  expires: Math.floor(Date.now() / 1000) + 600,
  signature: 'ab'.repeat(32),
};

let frames: HTMLIFrameElement[] = [];
/** A real window to play the framing page (and, for one test, another frame on it). */
function otherWindow(): Window {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  frames.push(frame);
  if (!frame.contentWindow) throw new Error('no window for the frame');
  return frame.contentWindow;
}

let parent: Window;
let readySent: ReturnType<typeof vi.fn>;
beforeEach(() => {
  FakeSocket.reset();
  vi.stubGlobal('WebSocket', FakeSocket);
  parent = otherWindow();
  readySent = vi.fn();
  parent.postMessage = readySent as Window['postMessage'];
  Object.defineProperty(window, 'parent', { configurable: true, get: () => parent });
});
afterEach(() => {
  Object.defineProperty(window, 'parent', { configurable: true, get: () => window });
  for (const frame of frames) frame.remove();
  frames = [];
});

function serve(session: () => Response = signedIn) {
  return mockFetch([
    {
      path: `${base}/config`,
      reply: () => json({ allowedOrigins: [shop], acceptsIdentity: true, canVerify: true }),
    },
    { path: `${base}/session`, reply: () => json({ active: false }) },
    { path: `${base}/messages`, reply: () => problem(401, 'Start a chat first.') },
    { method: 'POST', path: `${base}/session`, reply: session },
  ]);
}
const signedIn = () =>
  json(
    {
      customer: { name: 'Thandi', phone: '+27 82 111 2233' },
      chat: null,
      verified: true,
      canVerify: true,
    },
    201,
  );

const post = (
  origin: string,
  source: Window,
  data: unknown = { type: 'parley:identity', identity },
) =>
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
  });

const sessionStarts = (requests: Request[]) =>
  requests.filter((r) => r.method === 'POST' && r.url.endsWith('/session'));

describe('the identity handshake with the embedding page', () => {
  it('says ready only to the allowed origin, and signs in with the identity it sends', async () => {
    const { requests } = serve();
    render(<WidgetApp channelId="demo-webchat" />);
    await waitFor(() => expect(readySent).toHaveBeenCalledWith({ type: 'parley:ready' }, shop));
    expect(readySent).toHaveBeenCalledTimes(1);
    // The page is about to vouch for the visitor: no number form meanwhile.
    expect(screen.queryByLabelText('Your phone number')).toBeNull();

    post(shop, parent);
    await screen.findByText(/Signed in as \+27 82 111 2233/);
    const starts = sessionStarts(requests);
    expect(starts).toHaveLength(1);
    expect(await starts[0]!.json()).toEqual({ identity });
    expect(screen.getByLabelText('Message')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Verify your number' })).toBeNull();
    expect(screen.queryByLabelText('Your phone number')).toBeNull();

    // The same identity again (the page re-sends it) starts nothing new.
    post(shop, parent);
    await act(async () => undefined);
    expect(sessionStarts(requests)).toHaveLength(1);
  });

  it('ignores identities from any other origin or window, then asks for the number', async () => {
    const { requests } = serve();
    render(<WidgetApp channelId="demo-webchat" />);
    await waitFor(() => expect(readySent).toHaveBeenCalled());

    post('https://evil.example', parent);
    post('https://shop.example.evil.example', parent);
    // The right origin, but another frame on the page rather than the page itself.
    post(shop, otherWindow());
    post(shop, parent, { type: 'parley:identity', identity: { phone: 1, signature: null } });

    await screen.findByLabelText('Your phone number', undefined, { timeout: 4_000 });
    expect(sessionStarts(requests)).toHaveLength(0);
  });

  it('falls back to the number form, saying so, when the identity is refused', async () => {
    serve(() => problem(401, 'The identity is not valid or has expired.'));
    render(<WidgetApp channelId="demo-webchat" />);
    await waitFor(() => expect(readySent).toHaveBeenCalled());
    post(shop, parent);
    await screen.findByText('We couldn’t sign you in automatically. Enter your number to chat.');
    expect(screen.getByLabelText('Your phone number')).toBeTruthy();
  });
});
