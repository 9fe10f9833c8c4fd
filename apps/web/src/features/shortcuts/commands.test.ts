import { afterEach, describe, expect, it, vi } from 'vitest';
import { commandForKey } from './commands.ts';
import type { Command } from './commands.ts';

const flag: Command = { id: 'flag', label: 'Flag', key: 'f', disabledReason: null, run: vi.fn() };

function press(target: Element, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return event;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('commandForKey', () => {
  it('finds the command on its key where nothing is being typed', () => {
    expect(commandForKey([flag], press(document.body, 'f'))).toBe(flag);
    expect(commandForKey([flag], press(document.body, 'g'))).toBeUndefined();
  });

  it('never fires while typing in a field', () => {
    document.body.innerHTML =
      '<textarea></textarea><input type="text"><input type="search"><div role="textbox" tabindex="0"></div>';
    for (const field of document.body.querySelectorAll('textarea, input, div'))
      expect(commandForKey([flag], press(field, 'f'))).toBeUndefined();
  });

  it('never fires with a modifier', () => {
    for (const modifier of ['ctrlKey', 'metaKey', 'altKey', 'shiftKey'])
      expect(
        commandForKey([flag], press(document.body, 'f', { [modifier]: true })),
      ).toBeUndefined();
  });

  it('leaves the keys to an open dialog', () => {
    document.body.innerHTML = '<div role="dialog"><button>OK</button></div>';
    expect(commandForKey([flag], press(document.body, 'f'))).toBeUndefined();
  });
});
