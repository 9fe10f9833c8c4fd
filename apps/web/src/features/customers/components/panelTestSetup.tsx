import type { Chat, Customer, Me, Note } from '@parley/contract';
import { buildChat, buildMe } from '../../../test/fixtures.ts';
import { json, mockFetch } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { buildCustomer } from '../testFixtures.ts';
import { ContextPanel } from './ContextPanel.tsx';

type Route = Parameters<typeof mockFetch>[0][number];

/** The panel beside chat-1 of customer-1, with a fake server and a socket the test drives. */
export function renderPanel(
  opts: {
    customer?: Customer;
    notes?: Note[];
    nextCursor?: string | null;
    me?: Me;
    routes?: Route[];
    /** How chat-1 differs from a live chat. */
    chat?: Partial<Chat>;
  } = {},
) {
  const customer = opts.customer ?? buildCustomer();
  const chat = buildChat({
    id: 'chat-1',
    customer: { id: customer.id, phone: customer.phone, name: customer.name },
    ...opts.chat,
  });
  const http = mockFetch([
    ...(opts.routes ?? []),
    { path: '/api/chats/chat-1', reply: () => json(chat) },
    { path: `/api/customers/${customer.id}`, reply: () => json(customer) },
    {
      path: `/api/customers/${customer.id}/notes?limit=20`,
      reply: () => json({ items: opts.notes ?? [], nextCursor: opts.nextCursor ?? null }),
    },
  ]);
  const view = renderWithRealtime(<ContextPanel chatId="chat-1" me={opts.me ?? buildMe()} />);
  return { ...view, ...http, customer, chat };
}
