import { useEffect } from 'react';
import { isPlainShortcut } from '../../../ui/keyboard.ts';

/** Keys 1–n pick the n-th tab, unless someone is typing or a dialog holds focus. */
export function useDigitTabShortcuts<T extends string>(
  tabs: readonly T[],
  select: (tab: T) => void,
) {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isPlainShortcut(event) || event.shiftKey) return;
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
      const tab = /^[1-9]$/.test(event.key) ? tabs[Number(event.key) - 1] : undefined;
      if (tab === undefined) return;
      event.preventDefault();
      select(tab);
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [tabs, select]);
}
