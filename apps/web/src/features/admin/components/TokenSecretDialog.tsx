import type { ApiTokenCreated } from '@parley/contract';
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

/** The new token's secret, this once: the server keeps only its hash. */
export function TokenSecretDialog({
  token,
  onClose,
}: {
  token: ApiTokenCreated | null;
  onClose: () => void;
}) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const close = () => {
    setCopy('idle');
    onClose();
  };
  const onCopy = async () => {
    if (!token) return;
    try {
      await navigator.clipboard.writeText(token.token);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <Dialog open={token !== null} onOpenChange={(open) => (open ? undefined : close())}>
      <DialogContent className="token-secret">
        <DialogTitle>Copy the token for “{token?.name}”</DialogTitle>
        <DialogDescription>
          Paste it into the system that will use it. Keep it secret like a password.
        </DialogDescription>
        <p className="token-secret__warning">
          <AlertIcon /> You won't see this again: once you close this window the token can't be
          shown. If you lose it, revoke it and create a new one.
        </p>
        <div className="token-secret__row">
          <input
            className="input token-secret__value"
            readOnly
            value={token?.token ?? ''}
            aria-label="New API token"
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
              ? "Couldn't copy: select the token and copy it yourself."
              : ''}
        </p>
        <DialogActions>
          <Button onClick={close}>I've stored it</Button>
        </DialogActions>
      </DialogContent>
    </Dialog>
  );
}
