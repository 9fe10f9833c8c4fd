import {
  measureElement as measureRendered,
  observeElementRect,
  useVirtualizer,
} from '@tanstack/react-virtual';
import type { CSSProperties, Key, RefObject } from 'react';

/**
 * The size assumed for a scroll box that has no layout (a hidden pane, a test DOM): enough rows
 * for a screen, never all of them.
 */
const NO_LAYOUT_RECT = { width: 320, height: 720 };

type VirtualListOptions = {
  count: number;
  /** The element that scrolls (e.g. a pane's body); the list sits inside it. */
  scrollRef: RefObject<HTMLElement | null>;
  /** A row's height before it is measured, in px. */
  estimateSize: number;
  getItemKey?: (index: number) => Key;
  /** The list's own vertical padding and the gap between rows, in px, as its CSS draws them. */
  padding?: number;
  gap?: number;
  /** Rows drawn beyond each edge of the visible window. */
  overscan?: number;
};

/**
 * A long list that draws only the rows near the visible window. The rows stay in normal flow
 * inside the list element (which gets `style` as its padding), so keyboard focus, tab order and
 * a row's own layout work as in a plain list; each rendered row passes `measureRef` and its
 * `data-index` so its real height replaces the estimate.
 */
export function useVirtualList({
  count,
  scrollRef,
  estimateSize,
  getItemKey,
  padding = 0,
  gap = 0,
  overscan = 8,
}: VirtualListOptions) {
  // The virtualizer re-renders its host on each change, and nothing here memoises what it returns.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    ...(getItemKey ? { getItemKey } : {}),
    overscan,
    gap,
    paddingStart: padding,
    paddingEnd: padding,
    initialRect: NO_LAYOUT_RECT,
    observeElementRect: (instance, onRect) =>
      observeElementRect(instance, (rect) => onRect(rect.height > 0 ? rect : NO_LAYOUT_RECT)),
    // Without layout every row measures 0 px, which would draw them all: keep the estimate.
    measureElement: (element, entry, instance) =>
      measureRendered(element, entry, instance) || estimateSize,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0];
  const last = rows.at(-1);
  const style: CSSProperties = {
    paddingTop: first ? first.start : padding,
    paddingBottom: last ? Math.max(padding, virtualizer.getTotalSize() - last.end) : padding,
  };
  return { rows, style, measureRef: virtualizer.measureElement, virtualizer };
}
