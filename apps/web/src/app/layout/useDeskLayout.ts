import { useSyncExternalStore } from 'react';

/**
 * How much room the desk has: `wide` shows list | conversation | panel side by side, `medium`
 * folds the sidebar to icons and the panel into a drawer, `narrow` shows one pane at a time.
 * The widths match the media queries in layout.css.
 */
export type DeskLayout = 'wide' | 'medium' | 'narrow';

export const WIDE_QUERY = '(min-width: 1280px)';
export const MEDIUM_QUERY = '(min-width: 960px)';

function matches(query: string): boolean {
  // Without media queries (a test DOM) the desk is drawn as on a desktop.
  return typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : true;
}

function subscribe(onChange: () => void) {
  if (typeof window.matchMedia !== 'function') return () => {};
  const lists = [WIDE_QUERY, MEDIUM_QUERY].map((query) => window.matchMedia(query));
  for (const list of lists) list.addEventListener('change', onChange);
  return () => {
    for (const list of lists) list.removeEventListener('change', onChange);
  };
}

export function currentDeskLayout(): DeskLayout {
  if (matches(WIDE_QUERY)) return 'wide';
  return matches(MEDIUM_QUERY) ? 'medium' : 'narrow';
}

/** The desk's layout for the window's width, following it as the window is resized. */
export function useDeskLayout(): DeskLayout {
  return useSyncExternalStore(subscribe, currentDeskLayout, () => 'wide');
}
