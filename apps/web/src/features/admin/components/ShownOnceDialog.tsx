import type { ReactNode } from 'react';
import { useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogDescription,
  DialogTitle,
} from '../../../ui/Dialog.tsx';
import { AlertIcon } from '../../../ui/icons.tsx';

type CopyState = 'idle' | 'copied' | 'failed';

type ShownOnceDialogProps = {
  /** The secret or link; null keeps the dialog closed. */
  value: string | null;
  title: string;
  description: ReactNode;
  /** Why it cannot be shown again, and what to do if it is lost. */
  warning: ReactNode;
  /** The field's accessible name, e.g. "New API token". */
  valueLabel: string;
  closeLabel: string;
  onClose: () => void;
  /** Facts about the value under it (expiry, where it was sent). */
  children?: ReactNode;
};

/**
 * Something the server keeps only a hash of (a token, a set-password link), shown this once
 * with a copy button. Nothing here stores it: it is gone when the dialog closes.
 */
export function ShownOnceDialog({
  value,
  title,
  description,
  warning,
  valueLabel,
  closeLabel,
  onClose,
  children,
}: ShownOnceDialogProps) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const close = () => {
    setCopy('idle');
    onClose();
  };
  const onCopy = async () => {
    if (value === null) return;
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <Dialog open={value !== null} onOpenChange={(open) => (open ? undefined : close())}>
      <DialogContent className="token-secret">
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
        <p className="token-secret__warning">
          <AlertIcon /> {warning}
        </p>
        <div className="token-secret__row">
          <input
            className="input token-secret__value"
            readOnly
            value={value ?? ''}
            aria-label={valueLabel}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button variant="primary" onClick={() => void onCopy()}>
            {copy === 'copied' ? 'Copied' : 'Copy'}
          </Button>
        </div>
        {children}
        <p className="settings-form__status" role="status">
          {copy === 'copied'
            ? 'Copied to the clipboard.'
            : copy === 'failed'
              ? "Couldn't copy: select the text and copy it yourself."
              : ''}
        </p>
        <DialogActions>
          <Button onClick={close}>{closeLabel}</Button>
        </DialogActions>
      </DialogContent>
    </Dialog>
  );
}
