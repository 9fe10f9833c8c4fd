import type { ReactNode } from 'react';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from './Dialog.tsx';
import type { DialogSurface } from './Dialog.tsx';
import { CloseIcon } from './icons.tsx';

/** A panel that slides in from the right edge: for editing one row of a table beside it. */
const sheet: DialogSurface = { overlay: 'sheet__overlay', content: 'sheet__content' };

type SheetProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** What the sheet is for, read after its title. */
  description: ReactNode;
  children: ReactNode;
};

export function Sheet({ open, onOpenChange, title, description, children }: SheetProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent surface={sheet}>
        <header className="sheet__header">
          <DialogTitle className="sheet__title">{title}</DialogTitle>
          <DialogClose className="button button--ghost button--sm icon-button" aria-label="Close">
            <CloseIcon />
          </DialogClose>
        </header>
        <DialogDescription>{description}</DialogDescription>
        <div className="sheet__body">{children}</div>
      </DialogContent>
    </Dialog>
  );
}
