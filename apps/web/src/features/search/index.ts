export { SearchDialog } from './components/SearchDialog.tsx';
export { useSearchShortcut } from './hooks/useSearchShortcut.ts';
export { MESSAGE_PARAM } from './paths.ts';
