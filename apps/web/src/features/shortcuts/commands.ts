import { useEffect, useSyncExternalStore } from 'react';
import { isPlainShortcut } from '../../ui/keyboard.ts';

/**
 * Something the person can do now, by its key or from the command palette. A command that may not
 * run still shows, with the reason; its key then says the reason instead of doing nothing.
 */
export type Command = {
  id: string;
  label: string;
  /** The single key that runs it where no field has focus. */
  key?: string;
  /** Why it cannot run now, or null when it can. */
  disabledReason: string | null;
  run: () => void;
};

let current: readonly Command[] = [];
const listeners = new Set<() => void>();

function publish(commands: readonly Command[]) {
  current = commands;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The commands the open chat offers right now (empty when none is open). */
export function useOpenChatCommands(): readonly Command[] {
  return useSyncExternalStore(subscribe, () => current);
}

/** The command a plain key press asks for, or undefined when the key means nothing here. */
export function commandForKey(
  commands: readonly Command[],
  event: KeyboardEvent,
): Command | undefined {
  if (!isPlainShortcut(event) || event.shiftKey) return undefined;
  // A dialog's own keys belong to it.
  if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return undefined;
  if (document.querySelector('[role="dialog"]')) return undefined;
  return commands.find((command) => command.key === event.key);
}

/**
 * Offers `commands` to the palette and runs them by their keys while mounted; a key whose command
 * may not run now calls `onRefused` with the reason, so the person hears why.
 */
export function useCommands(commands: readonly Command[], onRefused: (reason: string) => void) {
  useEffect(() => {
    publish(commands);
    return () => {
      if (current === commands) publish([]);
    };
  }, [commands]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const command = commandForKey(commands, event);
      if (!command) return;
      event.preventDefault();
      if (command.disabledReason) onRefused(command.disabledReason);
      else command.run();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [commands, onRefused]);
}
