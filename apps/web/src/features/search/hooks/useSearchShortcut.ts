import { useEffect, useState } from 'react';
import { isPlainShortcut } from '../../../ui/keyboard.ts';

/** Open state of the search dialog, opened by `/` anywhere outside a text field. */
export function useSearchShortcut() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== '/' || !isPlainShortcut(event)) return;
      event.preventDefault();
      setOpen(true);
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
  return [open, setOpen] as const;
}
