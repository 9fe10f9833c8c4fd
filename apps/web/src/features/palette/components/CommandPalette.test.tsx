import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { buildChat, buildMe } from '../../../test/fixtures.ts';
import { json, mockFetch } from '../../../test/http.ts';
import { renderWithClient } from '../../../test/render.tsx';
import { chatKeys } from '../../chats/index.ts';
import { useCommands } from '../../shortcuts/index.ts';
import type { Command } from '../../shortcuts/index.ts';
import { usePaletteShortcut } from '../hooks/usePaletteShortcut.ts';
import { CommandPalette } from './CommandPalette.tsx';

const me = buildMe();

// cmdk scrolls the highlighted option into view; jsdom lays nothing out.
Element.prototype.scrollIntoView ??= () => undefined;

function OpenChat({ commands }: { commands: Command[] }) {
  useCommands(commands, () => undefined);
  return null;
}

function Harness({ commands }: { commands: Command[] }) {
  const [open, setOpen] = usePaletteShortcut();
  const [stable] = useState(commands);
  return (
    <>
      <button type="button">Where I was</button>
      <OpenChat commands={stable} />
      <CommandPalette open={open} onOpenChange={setOpen} me={me} />
    </>
  );
}

function setup(commands: Command[] = []) {
  mockFetch([
    {
      path: '/api/search?q=zola&kind=customers&limit=20',
      reply: () =>
        json({
          items: [
            {
              kind: 'customer',
              id: 'cust-9',
              customer: { id: 'cust-9', phone: '+27820000009', name: 'Zola Dube' },
              email: null,
              snippet: { text: 'Zola Dube', highlights: [] },
              lastConversation: {
                id: 'chat-9',
                kind: 'chat',
                status: 'closed',
                channel: { id: 'demo-webhook', kind: 'whatsapp' },
              },
            },
          ],
          nextCursor: null,
        }),
    },
  ]);
  const location = memoryLocation({ path: '/live', record: true });
  const view = renderWithClient(
    <Router hook={location.hook} searchHook={location.searchHook}>
      <Harness commands={commands} />
    </Router>,
  );
  view.queryClient.setQueryData(chatKeys.list('live', 'activity'), {
    pages: [{ items: [buildChat({ id: 'chat-1' })], nextCursor: null }],
    pageParams: [null],
  });
  return { location, ...view };
}

const openPalette = async () => {
  fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
  return screen.findByRole('dialog', { name: 'Command palette' });
};

const type = (text: string) =>
  fireEvent.change(screen.getByRole('combobox'), { target: { value: text } });

describe('CommandPalette', () => {
  it('opens on Ctrl+K and on ⌘K, as a labelled combobox over a listbox', async () => {
    setup();
    const before = screen.getByRole('button', { name: 'Where I was' });
    before.focus();
    fireEvent.keyDown(before, { key: 'k', ctrlKey: true });
    await screen.findByRole('dialog', { name: 'Command palette' });
    const input = screen.getByRole('combobox');
    expect(document.activeElement).toBe(input);
    expect(screen.getByRole('listbox')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(before));
    fireEvent.keyDown(document.body, { key: 'k', metaKey: true });
    expect(await screen.findByRole('dialog', { name: 'Command palette' })).toBeTruthy();
  });

  it('jumps to a view with Enter', async () => {
    const { location } = setup();
    await openPalette();
    type('pend');
    await screen.findByRole('option', { name: /Pending/ });
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter' });
    await waitFor(() => expect(location.history.at(-1)).toBe('/pending'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens a loaded chat found by its customer’s name', async () => {
    const { location } = setup();
    await openPalette();
    type('thandi');
    fireEvent.click(await screen.findByRole('option', { name: /Thandi Nkosi/ }));
    await waitFor(() => expect(location.history.at(-1)).toBe('/live/chat-1'));
  });

  it('finds customers through search and opens their latest conversation', async () => {
    const { location } = setup();
    await openPalette();
    type('zola');
    fireEvent.click(await screen.findByRole('option', { name: /Zola Dube/ }));
    await waitFor(() => expect(location.history.at(-1)).toBe('/closed/chat-9'));
  });

  it('runs the open chat’s actions, and shows a refused one with its reason without running it', async () => {
    const flag = vi.fn();
    const close = vi.fn();
    setup([
      { id: 'flag', label: 'Flag', key: 'f', disabledReason: null, run: flag },
      {
        id: 'close',
        label: 'Close…',
        key: 'c',
        disabledReason: 'A flagged chat cannot be closed. Un-flag it first.',
        run: close,
      },
    ]);
    await openPalette();
    const refused = screen.getByRole('option', { name: /Close…/ });
    expect(refused.getAttribute('aria-disabled')).toBe('true');
    expect(refused.textContent).toContain('A flagged chat cannot be closed.');
    fireEvent.click(refused);
    expect(close).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('option', { name: /Flag/ }));
    expect(flag).toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
