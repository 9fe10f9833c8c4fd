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

/** A webhook's signing secret, this once: Parley never shows it again. */
export function WebhookSecretDialog({
  shown,
  onClose,
}: {
  shown: { url: string; secret: string } | null;
  onClose: () => void;
}) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const close = () => {
    setCopy('idle');
    onClose();
  };
  const onCopy = async () => {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <Dialog open={shown !== null} onOpenChange={(open) => (open ? undefined : close())}>
      <DialogContent className="token-secret">
        <DialogTitle>Copy the signing secret</DialogTitle>
        <DialogDescription>
          The receiver at {shown?.url} checks X-Parley-Signature with it: an HMAC-SHA256 of
          “timestamp.body”.
        </DialogDescription>
        <p className="token-secret__warning">
          <AlertIcon /> You won't see this again. If you lose it, rotate the secret and update the
          receiver.
        </p>
        <div className="token-secret__row">
          <input
            className="input token-secret__value"
            readOnly
            value={shown?.secret ?? ''}
            aria-label="Signing secret"
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button variant="primary" onClick={() => void onCopy()}>
            {copy === 'copied' ? 'Copied' : 'Copy'}
          </Button>
        </div>
        <p className="settings-form__status" role="status">
          {copy === 'copied'
            ? 'Copied to the clipboard.'
            : copy === 'failed'
              ? "Couldn't copy: select the secret and copy it yourself."
              : ''}
        </p>
        <DialogActions>
          <Button onClick={close}>I've stored it</Button>
        </DialogActions>
      </DialogContent>
    </Dialog>
  );
}
