export { ShortcutsDialog } from './components/ShortcutsDialog.tsx';
export { useShortcutsSheet } from './hooks/useShortcutsSheet.ts';
