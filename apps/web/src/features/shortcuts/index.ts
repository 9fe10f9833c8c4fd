export { ShortcutsDialog } from './components/ShortcutsDialog.tsx';
export { useShortcutsSheet } from './hooks/useShortcutsSheet.ts';
export { commandForKey, useCommands, useOpenChatCommands } from './commands.ts';
export type { Command } from './commands.ts';
export { chatActionKeys } from './shortcuts.ts';
