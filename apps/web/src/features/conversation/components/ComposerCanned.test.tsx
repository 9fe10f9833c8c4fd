import { fillPlaceholders } from '@parley/contract';
import type { CannedReply } from '@parley/contract';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { CannedSuggestions } from '../../canned-replies/index.ts';
import { Composer } from './Composer.tsx';

const reply = (id: string, title: string, body: string, shortcut: string | null = null) =>
  ({
    id,
    title,
    body,
    shortcut,
    shared: false,
    canEdit: true,
    createdBy: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  }) satisfies CannedReply;

const replies = [
  reply('r1', 'Greeting', 'Hi {{customer.firstName}}, {{agent.firstName}} here.', 'hi'),
  reply('r2', 'Refund on its way', 'Your refund is on its way, {{customer.name}}.', 'refund'),
  reply('r3', 'Goodbye', 'Bye {{order.id}}!'),
];

function setup(overrides: Partial<CannedSuggestions> = {}, chatId = `chat-${Math.random()}`) {
  const onSend = vi.fn();
  const want = vi.fn();
  const canned: CannedSuggestions = {
    replies,
    state: 'ready',
    want,
    retry: vi.fn(),
    fill: (r) =>
      fillPlaceholders(r.body, {
        customer: { name: 'Thandi Nkosi', phone: '+27821234567' },
        agent: { name: 'Lerato Mokoena' },
      }),
    ...overrides,
  };
  render(<Composer chatId={chatId} recipient="Thandi" onSend={onSend} canned={canned} />);
  const field = screen.getByRole('textbox', { name: 'Reply to Thandi' }) as HTMLTextAreaElement;
  const type = (value: string) =>
    act(() => {
      field.focus();
      fireEvent.change(field, { target: { value, selectionStart: value.length } });
    });
  const key = (k: string, init: object = {}) => fireEvent.keyDown(field, { key: k, ...init });
  return { field, onSend, want, type, key };
}

const options = () => screen.queryAllByRole('option').map((o) => o.textContent);

describe('canned replies in the composer', () => {
  it('opens a list on / at the start, filtered as you type, pointed at by the field', () => {
    const { field, type, want } = setup();
    expect(screen.queryByRole('listbox')).toBeNull();
    type('/');
    expect(want).toHaveBeenCalled();
    const listbox = screen.getByRole('listbox', { name: 'Canned replies' });
    expect(field.getAttribute('aria-controls')).toBe(listbox.id);
    expect(options()).toHaveLength(3);
    type('/ref');
    expect(options()).toEqual([expect.stringContaining('Refund on its way')]);
    const [first] = screen.getAllByRole('option');
    expect(field.getAttribute('aria-activedescendant')).toBe(first!.id);
    expect(first!.getAttribute('aria-selected')).toBe('true');
  });

  it('moves with the arrows and inserts the filled reply with Enter, without sending', () => {
    const { field, type, key, onSend } = setup();
    type('/');
    key('ArrowDown');
    const second = screen.getAllByRole('option')[1]!;
    expect(field.getAttribute('aria-activedescendant')).toBe(second.id);
    expect(second.textContent).toContain('Greeting');
    key('ArrowUp');
    key('ArrowUp'); // wraps to the last
    expect(screen.getAllByRole('option')[2]!.getAttribute('aria-selected')).toBe('true');
    key('ArrowDown'); // wraps to the first: Goodbye, Greeting, Refund by title
    key('ArrowDown');
    key('Enter');
    expect(field.value).toBe('Hi Thandi, Lerato here.');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.queryByRole('option')).toBeNull();
    // Closed, Enter sends as always.
    key('Enter');
    expect(onSend).toHaveBeenCalledWith('Hi Thandi, Lerato here.', []);
  });

  it('inserts with Tab and by mouse, leaving unknown placeholders visible', () => {
    const first = setup();
    first.type('/refund');
    first.key('Tab');
    expect(first.field.value).toBe('Your refund is on its way, Thandi Nkosi.');
    first.type('');

    first.type('/good');
    fireEvent.click(screen.getByRole('option', { name: /Goodbye/ }));
    expect(first.field.value).toBe('Bye {{order.id}}!');
  });

  it('closes with Esc and keeps the typed text; Shift+Enter still starts a new line', () => {
    const { field, type, key, onSend } = setup();
    type('/gre');
    expect(screen.getByRole('listbox')).toBeTruthy();
    key('Escape');
    expect(screen.queryByRole('option')).toBeNull();
    expect(field.value).toBe('/gre');
    expect(field.hasAttribute('aria-activedescendant')).toBe(false);
    key('Enter', { shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    type('/gree');
    expect(options()).toEqual([expect.stringContaining('Greeting')]);
  });

  it('says when nothing matches, and sends the text as typed', () => {
    const { type, key, onSend } = setup();
    type('/zzz');
    expect(screen.getByRole('status').textContent).toBe('No canned reply matches “zzz”.');
    key('Enter');
    expect(onSend).toHaveBeenCalledWith('/zzz', []);
  });

  it('shows loading and a retry when the replies could not load', () => {
    const retry = vi.fn();
    const loading = setup({ replies: undefined, state: 'loading' });
    loading.type('/');
    expect(screen.getByRole('status').textContent).toBe('Loading canned replies…');
    loading.type('');
    document.body.innerHTML = '';
    const failed = setup({ replies: undefined, state: 'error', retry });
    failed.type('/x');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalled();
  });

  it('offers nothing where no canned replies are given (the customer’s widget)', () => {
    const onSend = vi.fn();
    render(<Composer chatId="widget" recipient="Support" onSend={onSend} />);
    const field = screen.getByRole('textbox', { name: 'Reply to Support' });
    fireEvent.change(field, { target: { value: '/hi' } });
    expect(screen.queryByRole('listbox')).toBeNull();
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('/hi', []);
  });
});
