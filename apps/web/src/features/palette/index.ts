export { LazyCommandPalette } from './components/LazyCommandPalette.tsx';
export { usePaletteShortcut } from './hooks/usePaletteShortcut.ts';
