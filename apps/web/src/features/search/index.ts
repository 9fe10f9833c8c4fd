export { SearchDialog } from './components/SearchDialog.tsx';
export { useSearchShortcut } from './hooks/useSearchShortcut.ts';
export { MESSAGE_PARAM, resultHref } from './paths.ts';
export { fetchSearch, searchKeys } from './api.ts';
export { useDebounced } from './hooks/useDebounced.ts';
