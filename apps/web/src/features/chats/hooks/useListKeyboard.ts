import { useEffect } from 'react';
import type { RefObject } from 'react';
import { isPlainShortcut } from '../../../ui/keyboard.ts';

/**
 * `j` / `k` move focus through the rows (links) inside `listRef`; Enter on a focused row opens
 * it, as any link does. Starts from the focused row, else from the open chat. `n` opens the next
 * chat with something unread after that one, wrapping round to the top.
 */
export function useListKeyboard(listRef: RefObject<HTMLElement | null>) {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'j' && event.key !== 'k' && event.key !== 'n') return;
      if (!isPlainShortcut(event) || event.shiftKey) return;
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
      const rows = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-chat-row]') ?? [])];
      if (rows.length === 0) return;
      event.preventDefault();
      let index = rows.findIndex((row) => row === document.activeElement);
      if (index === -1)
        index = rows.findIndex((row) => row.getAttribute('aria-current') === 'page');
      if (event.key === 'n') {
        const after = [...rows.slice(index + 1), ...rows.slice(0, index + 1)];
        after
          .find((row) => row.dataset.marker === 'unread' || row.dataset.marker === 'new')
          ?.click();
        return;
      }
      const next =
        index === -1
          ? 0
          : Math.min(rows.length - 1, Math.max(0, index + (event.key === 'j' ? 1 : -1)));
      rows[next]?.focus();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [listRef]);
}
