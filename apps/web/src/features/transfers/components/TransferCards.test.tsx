import type { TransferInbox } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildChat, buildMe } from '../../../test/fixtures.ts';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { agentOne, agentTwo, buildTransfer, support } from '../testFixtures.ts';
import { TransferCards } from './TransferCards.tsx';

const preview = {
  customer: { id: 'c1', phone: '+27821234567', name: 'Thandi Nkosi' },
  channel: { id: 'ch', kind: 'whatsapp', name: 'Demo WhatsApp' },
  messages: [
    { direction: 'in' as const, text: 'My order is late', at: '2030-01-01T08:58:00.000Z' },
    { direction: 'out' as const, text: 'Let me check', at: '2030-01-01T08:59:00.000Z' },
  ],
};

/** A stand-in for the browser's audio: counts the notes played. */
let notes = 0;
class FakeAudioContext {
  currentTime = 0;
  destination = {};
  createOscillator() {
    notes++;
    return {
      type: '',
      frequency: { value: 0 },
      connect: (node: unknown) => node,
      start() {},
      stop() {},
    };
  }
  createGain() {
    return {
      gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} },
      connect: (node: unknown) => node,
    };
  }
}

beforeEach(() => {
  notes = 0;
  vi.stubGlobal('AudioContext', FakeAudioContext);
});

function setup(
  me: ReturnType<typeof buildMe>,
  inbox: TransferInbox,
  routes: Parameters<typeof mockFetch>[0] = [],
) {
  const http = mockFetch([{ path: '/api/transfers', reply: () => json(inbox) }, ...routes]);
  const view = renderWithRealtime(<TransferCards me={me} />);
  return { ...view, ...http };
}

const receiver = buildMe({ id: agentTwo.id, name: agentTwo.name });
const sender = buildMe({ id: agentOne.id, name: agentOne.name });

describe('TransferCards for the receiver', () => {
  it('shows an offer found on load with who, the customer, the note and the last messages, silently', async () => {
    setup(receiver, { incoming: [buildTransfer({ preview })], outgoing: [] });
    const card = await screen.findByRole('article', {
      name: 'Agent One offers you the chat with Thandi Nkosi',
    });
    expect(within(card).getByText('Wants a refund; order 4411')).toBeTruthy();
    const lines = within(card).getByRole('list', { name: 'Last messages' });
    expect(
      within(lines)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Thandi Nkosi: My order is late', 'Agent: Let me check']);
    expect(notes).toBe(0);
  });

  it('shows a new offer by frame, and the card goes when the offer is withdrawn', async () => {
    const offer = buildTransfer({ preview });
    const { open, push } = setup(receiver, { incoming: [], outgoing: [] });
    await waitFor(() => expect(screen.queryByRole('region')).toBeNull());
    open();
    // Let the first read finish so the frame lands on the loaded inbox.
    await new Promise((resolve) => setTimeout(resolve, 0));
    push('transfer.updated', offer);
    await screen.findByRole('article', { name: /Agent One offers you the chat/ });
    // The sound is the alerts' to make, as the person chose (features/alerts).
    expect(notes).toBe(0);
    // Told to screen readers too, without moving their focus.
    expect(screen.getByRole('status').textContent).toBe('New transfer offer from Agent One');
    // The same offer again (e.g. a replay) adds no second card.
    push('transfer.updated', offer);
    expect(screen.getAllByRole('article')).toHaveLength(1);

    push('transfer.updated', { ...offer, state: 'withdrawn', reason: 'The chat was closed' });
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
  });

  it('an offer to my department names it', async () => {
    setup(receiver, {
      incoming: [buildTransfer({ toAgent: null, toDepartment: support, preview })],
      outgoing: [],
    });
    expect(
      await screen.findByRole('article', {
        name: 'Agent One offers anyone in Support the chat with Thandi Nkosi',
      }),
    ).toBeTruthy();
  });

  it('Accept takes the chat and opens it', async () => {
    const offer = buildTransfer({ id: 't-9', chatId: 'chat-9', preview });
    const { requests } = setup(receiver, { incoming: [offer], outgoing: [] }, [
      {
        method: 'POST',
        path: '/api/transfers/t-9/accept',
        reply: () => json(buildChat({ id: 'chat-9', assignee: agentTwo })),
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(window.location.pathname).toBe('/live/chat-9'));
    expect(screen.queryByRole('article')).toBeNull();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('Reject asks for an optional reason inline and sends it', async () => {
    const offer = buildTransfer({ id: 't-3', preview });
    const bodies: unknown[] = [];
    setup(receiver, { incoming: [offer], outgoing: [] }, [
      {
        method: 'POST',
        path: '/api/transfers/t-3/reject',
        reply: async (request) => {
          bodies.push(await request.json());
          return json({ ...offer, state: 'rejected', reason: 'At lunch' });
        },
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Reject…' }));
    const reason = screen.getByLabelText(/^Reason/);
    expect(document.activeElement).toBe(reason);
    fireEvent.change(reason, { target: { value: ' At lunch ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reject offer' }));
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    expect(bodies).toEqual([{ reason: 'At lunch' }]);
  });

  it("shows the server's refusal on the card", async () => {
    const offer = buildTransfer({ id: 't-4', preview });
    setup(receiver, { incoming: [offer], outgoing: [] }, [
      {
        method: 'POST',
        path: '/api/transfers/t-4/accept',
        reply: () => problem(409, 'You are at capacity (5/5). Close or pass on a chat first.'),
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Accept' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'You are at capacity (5/5). Close or pass on a chat first.',
    );
    expect(screen.getByRole('article')).toBeTruthy();
  });
});

describe('TransferCards for the sender', () => {
  it('an open offer of mine shows no card; its rejection does, until OK', async () => {
    const offer = buildTransfer({ id: 't-5', preview });
    const { open, push, requests } = setup(sender, { incoming: [], outgoing: [offer] }, [
      {
        method: 'POST',
        path: '/api/transfers/t-5/acknowledge',
        reply: () => new Response(null, { status: 204 }),
      },
    ]);
    open();
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(screen.queryByRole('article')).toBeNull();

    push('transfer.updated', {
      ...offer,
      state: 'rejected',
      reason: 'At lunch',
      answeredBy: agentTwo,
    });
    const card = await screen.findByRole('article', {
      name: 'Agent Two rejected the transfer of the chat with Thandi Nkosi: At lunch',
    });
    expect(notes).toBe(0);
    fireEvent.click(within(card).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    expect(requests.at(-1)!.url).toMatch(/\/api\/transfers\/t-5\/acknowledge$/);
  });

  it('a returned offer says nobody accepted in its time and the chat is still mine', async () => {
    setup(sender, {
      incoming: [],
      outgoing: [buildTransfer({ state: 'returned', preview })],
    });
    expect(
      await screen.findByRole('article', {
        name: 'Nobody accepted the transfer of the chat with Thandi Nkosi in 20 min; the chat is still yours.',
      }),
    ).toBeTruthy();
  });

  it('says "in time" when the offer lasted less than a minute (a sped-up demo clock)', async () => {
    setup(sender, {
      incoming: [],
      outgoing: [
        buildTransfer({
          state: 'returned',
          preview,
          createdAt: '2030-01-01T09:00:00.000Z',
          expiresAt: '2030-01-01T09:00:02.000Z',
        }),
      ],
    });
    expect(
      await screen.findByRole('article', {
        name: 'Nobody accepted the transfer of the chat with Thandi Nkosi in time; the chat is still yours.',
      }),
    ).toBeTruthy();
  });
});
