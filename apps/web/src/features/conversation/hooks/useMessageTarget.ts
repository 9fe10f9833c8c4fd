import { type RefObject, useEffect, useRef } from 'react';
import { useSearch } from 'wouter';

/** How many older pages the timeline may load looking for the message asked for. */
const MAX_PAGES = 25;

/**
 * Shows the message the address asks for (`?message=<id>`, as search results link): loads older
 * pages until it is there, scrolls it to the middle and marks it (`data-found`, `aria-current`).
 * `rowIds` are the timeline's rows in order, the message id for message rows.
 */
export function useMessageTarget(opts: {
  container: RefObject<HTMLElement | null>;
  rowIds: (string | null)[];
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => void;
}) {
  const target = new URLSearchParams(useSearch()).get('message');
  const index = target ? opts.rowIds.indexOf(target) : -1;
  const shown = useRef<{ id: string; element: HTMLElement } | null>(null);
  const pages = useRef(0);
  const { container, hasOlder, loadingOlder, loadOlder } = opts;

  useEffect(() => {
    if (!target || shown.current?.id === target) return;
    if (index < 0) {
      if (hasOlder && !loadingOlder && pages.current < MAX_PAGES) {
        pages.current += 1;
        loadOlder();
      }
      return;
    }
    const element = container.current?.querySelector('.timeline__items')?.children[index];
    if (!(element instanceof HTMLElement)) return;
    shown.current?.element.removeAttribute('data-found');
    shown.current?.element.removeAttribute('aria-current');
    element.setAttribute('data-found', 'true');
    element.setAttribute('aria-current', 'true');
    element.scrollIntoView?.({ block: 'center' });
    shown.current = { id: target, element };
  }, [target, index, container, hasOlder, loadingOlder, loadOlder]);
}
