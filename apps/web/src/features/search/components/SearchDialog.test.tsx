import type { SearchPage } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithClient } from '../../../test/render.tsx';
import { useSearchShortcut } from '../hooks/useSearchShortcut.ts';
import { SearchDialog } from './SearchDialog.tsx';

const customer = { id: 'cu1', phone: '+27825550199', name: 'Thandi Nkosi' };
const conversation = (id: string, status: 'live' | 'closed' = 'closed') => ({
  id,
  kind: 'chat' as const,
  status,
  channel: { id: 'wa', kind: 'whatsapp' as const },
});
const message = (id: string, chatId: string, text: string, word: string) => ({
  kind: 'message' as const,
  id,
  chatId,
  conversation: conversation(chatId),
  customer,
  direction: 'in' as const,
  author: { kind: 'customer' as const, name: 'Thandi Nkosi' },
  createdAt: '2026-11-30T09:00:00.000Z',
  snippet: {
    text,
    highlights: [{ start: text.indexOf(word), end: text.indexOf(word) + word.length }],
  },
});

const path = (q: string, kind = 'messages') =>
  `/api/search?${new URLSearchParams({ q, kind, limit: '20' })}`;

function Harness() {
  const [open, setOpen] = useSearchShortcut();
  return (
    <>
      <button type="button">Somewhere else</button>
      <SearchDialog open={open} onOpenChange={setOpen} />
    </>
  );
}

function renderDesk() {
  const location = memoryLocation({ path: '/live', record: true });
  renderWithClient(
    <Router hook={location.hook} searchHook={location.searchHook}>
      <Harness />
    </Router>,
  );
  return location;
}

function Controlled() {
  const [open, setOpen] = useState(true);
  return <SearchDialog open={open} onOpenChange={setOpen} />;
}

describe('SearchDialog', () => {
  it('opens with `/` outside a text field, and not while typing in one', async () => {
    mockFetch([]);
    renderDesk();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Search' }));
  });

  it('does not open when `/` is typed into a field', () => {
    mockFetch([]);
    renderDesk();
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    fireEvent.keyDown(field, { key: '/' });
    expect(screen.queryByRole('dialog')).toBeNull();
    field.remove();
  });

  it('shows matches with the words marked as text, never as HTML', async () => {
    const text = 'my <b>parcel</b> <img src=x onerror=alert(1)> is late';
    const page: SearchPage = { items: [message('m1', 'c1', text, 'parcel')], nextCursor: null };
    mockFetch([{ path: path('parcel'), reply: () => json(page) }]);
    renderDesk();
    fireEvent.keyDown(document.body, { key: '/' });
    fireEvent.change(await screen.findByRole('combobox', { name: 'Search' }), {
      target: { value: 'parcel' },
    });
    const option = await screen.findByRole('option');
    expect(option.querySelector('mark')?.textContent).toBe('parcel');
    expect(option.querySelector('img')).toBeNull();
    expect(option.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('moves with the arrow keys and opens the chosen message in its chat', async () => {
    const page: SearchPage = {
      items: [
        message('m1', 'c1', 'refund please', 'refund'),
        message('m2', 'c2', 'refund done', 'refund'),
      ],
      nextCursor: null,
    };
    mockFetch([{ path: path('refund'), reply: () => json(page) }]);
    const location = renderDesk();
    fireEvent.keyDown(document.body, { key: '/' });
    const box = await screen.findByRole('combobox', { name: 'Search' });
    fireEvent.change(box, { target: { value: 'refund' } });
    const options = await screen.findAllByRole('option');
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(location.history?.at(-1)).toBe('/closed/c2?message=m2');
  });

  it('searches the kind chosen in the tabs', async () => {
    const found: SearchPage = {
      items: [
        {
          kind: 'customer',
          id: 'cu1',
          customer,
          email: null,
          snippet: { text: 'Thandi Nkosi · +27 82 555 0199', highlights: [{ start: 0, end: 6 }] },
          lastConversation: conversation('c9', 'live'),
        },
      ],
      nextCursor: null,
    };
    mockFetch([
      { path: path('thandi'), reply: () => json({ items: [], nextCursor: null }) },
      { path: path('thandi', 'customers'), reply: () => json(found) },
    ]);
    const location = renderDesk();
    fireEvent.keyDown(document.body, { key: '/' });
    fireEvent.change(await screen.findByRole('combobox', { name: 'Search' }), {
      target: { value: 'thandi' },
    });
    expect(await screen.findByText('Nothing found for “thandi”.')).toBeTruthy();
    const tab = screen.getByRole('tab', { name: 'Customers' });
    fireEvent.mouseDown(tab);
    fireEvent.click(tab);
    const option = await screen.findByRole('option');
    expect(within(option).getByText('Thandi', { selector: 'mark' })).toBeTruthy();
    fireEvent.click(option);
    expect(location.history?.at(-1)).toBe('/live/c9');
  });

  it('says what went wrong and retries', async () => {
    let calls = 0;
    mockFetch([
      {
        path: path('order'),
        reply: () =>
          ++calls === 1 ? problem(500, 'Something broke.') : json({ items: [], nextCursor: null }),
      },
    ]);
    renderWithClient(<Controlled />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Search' }), {
      target: { value: 'order' },
    });
    fireEvent.click(await screen.findByRole('button', { name: /retry/i }));
    expect(await screen.findByText('Nothing found for “order”.')).toBeTruthy();
  });
});
