import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogClose, DialogContent, DialogTitle } from '../../ui/Dialog.tsx';
import type { DialogSurface } from '../../ui/Dialog.tsx';
import { CloseIcon, PanelRightIcon } from '../../ui/icons.tsx';
import { isPlainShortcut } from '../../ui/keyboard.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';

/** The key that opens and closes the customer panel where it is a drawer. */
export const PANEL_KEY = 'i';

const drawer: DialogSurface = { overlay: 'sheet__overlay', content: 'panel-drawer' };

type PanelDrawerProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
};

/**
 * The customer panel where the desk has no room for it beside the conversation: a drawer from
 * the right edge. Focus moves into it and back to where it was on close; Esc closes it.
 */
export function PanelDrawer({ open, onOpenChange, children }: PanelDrawerProps) {
  // Opened by a key or a button outside Radix's Trigger: remember where focus was, to go back.
  const returnTo = useRef<Element | null>(null);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        surface={drawer}
        aria-describedby={undefined}
        onOpenAutoFocus={() => {
          returnTo.current = document.activeElement;
        }}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          const before = returnTo.current;
          const target =
            before instanceof HTMLElement && before !== document.body && before.isConnected
              ? before
              : document.querySelector<HTMLElement>(`[aria-keyshortcuts="${PANEL_KEY}"]`);
          target?.focus();
        }}
      >
        <header className="panel-drawer__header">
          <DialogTitle className="panel-drawer__title">Customer details</DialogTitle>
          <DialogClose
            className="button button--ghost button--sm icon-button"
            aria-label="Close customer details"
          >
            <CloseIcon />
          </DialogClose>
        </header>
        {children}
      </DialogContent>
    </Dialog>
  );
}

/** The conversation header's button that opens the drawer. */
export function PanelButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <Tooltip
      content={
        <>
          Customer details <kbd className="kbd kbd--on-dark">{PANEL_KEY}</kbd>
        </>
      }
    >
      <Button
        variant="ghost"
        size="sm"
        className="icon-button"
        aria-label="Customer details"
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-keyshortcuts={PANEL_KEY}
        onClick={onToggle}
      >
        <PanelRightIcon />
      </Button>
    </Tooltip>
  );
}

/** `i` anywhere outside a text field and outside other dialogs runs `onPress`. */
export function usePanelShortcut(onPress: (() => void) | null) {
  useEffect(() => {
    if (!onPress) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== PANEL_KEY || !isPlainShortcut(event) || event.shiftKey) return;
      const target = event.target instanceof Element ? event.target : null;
      const dialog = target?.closest('[role="dialog"]');
      // Inside the drawer the key closes it again; inside any other dialog it is left alone.
      if (dialog && !dialog.classList.contains('panel-drawer')) return;
      event.preventDefault();
      onPress?.();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onPress]);
}
