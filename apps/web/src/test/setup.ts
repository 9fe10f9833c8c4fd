import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

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
