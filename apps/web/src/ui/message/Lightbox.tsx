import type { ReactNode } from 'react';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from '../Dialog.tsx';
import { CloseIcon } from '../icons.tsx';

const surface = { overlay: 'lightbox__overlay', content: 'lightbox' };

type LightboxProps = {
  src: string;
  alt: string;
  name: string;
  /** The picture as it shows in the conversation; a button that opens the full one. */
  children: ReactNode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/** The full picture over the page, with a download link; Esc or Close returns to the message. */
export function Lightbox({ src, alt, name, children, open, onOpenChange }: LightboxProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {children}
      <DialogContent surface={surface}>
        <header className="lightbox__bar">
          <DialogTitle className="lightbox__title">{name}</DialogTitle>
          <DialogDescription className="visually-hidden">{alt}</DialogDescription>
          <a className="lightbox__action" href={src} download={name}>
            Download
          </a>
          <DialogClose className="lightbox__action lightbox__close" aria-label="Close">
            <CloseIcon size={18} />
          </DialogClose>
        </header>
        <img className="lightbox__image" src={src} alt={alt} />
      </DialogContent>
    </Dialog>
  );
}
