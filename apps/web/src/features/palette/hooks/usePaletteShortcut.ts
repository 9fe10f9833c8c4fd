import { useEffect, useState } from 'react';

/** Ctrl+K (⌘K on a Mac) opens the palette from anywhere, even a text field; again, closes it. */
export function usePaletteShortcut() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key.toLowerCase() !== 'k' || event.altKey || event.shiftKey) return;
      if (event.ctrlKey === event.metaKey || event.isComposing) return; // exactly one of them
      // Another dialog keeps its keys; the palette's own Ctrl+K closes it.
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('[role="dialog"]:not(.palette), [role="alertdialog"]')) return;
      event.preventDefault();
      setOpen((wasOpen) => !wasOpen);
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
  return [open, setOpen] as const;
}
