import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// `findBy…` and `waitFor` wait up to 5 s, not 1 s: the web suite runs beside the server suites in
// one `npm test`, and a render on a busy machine is slow, not wrong.
configure({ asyncUtilTimeout: 5_000 });

// Radix measures elements (Switch thumb, Tooltip) with ResizeObserver, which jsdom lacks.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub;

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});
