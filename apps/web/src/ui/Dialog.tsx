import * as RadixDialog from '@radix-ui/react-dialog';
import type { ComponentPropsWithoutRef, ReactNode } from 'react';
import { joinClasses } from './classes.ts';

// The classes are drawn by ui.css on the desk and by widget.css in the widget, which gives the
// same dialog its own look without loading the desk's stylesheet.

export const Dialog = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

/** Where a dialog sits: the centred card by default; a panel of its own names its classes. */
export type DialogSurface = { overlay: string; content: string };

const card: DialogSurface = { overlay: 'dialog__overlay', content: 'dialog__content' };

type DialogContentProps = ComponentPropsWithoutRef<typeof RadixDialog.Content> & {
  surface?: DialogSurface;
};

/** The dialog itself over a dimmed page, portalled to the body so no pane clips it. */
export function DialogContent({ surface = card, className, ...props }: DialogContentProps) {
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className={surface.overlay} />
      <RadixDialog.Content className={joinClasses(surface.content, className)} {...props} />
    </RadixDialog.Portal>
  );
}

type TextProps<T extends typeof RadixDialog.Title | typeof RadixDialog.Description> =
  ComponentPropsWithoutRef<T>;

/** The dialog's name for screen readers; `className` replaces the card's look. */
export function DialogTitle({
  className = 'dialog__title',
  ...props
}: TextProps<typeof RadixDialog.Title>) {
  return <RadixDialog.Title className={className} {...props} />;
}

/** What the dialog is for, read after its name; `className` replaces the card's look. */
export function DialogDescription({
  className = 'dialog__description',
  ...props
}: TextProps<typeof RadixDialog.Description>) {
  return <RadixDialog.Description className={className} {...props} />;
}

/** The title on the left, a close button on the right. */
export function DialogHeader({ children }: { children: ReactNode }) {
  return <header className="dialog__header">{children}</header>;
}

/** The buttons at the foot, the main one last. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="dialog__actions">{children}</div>;
}
