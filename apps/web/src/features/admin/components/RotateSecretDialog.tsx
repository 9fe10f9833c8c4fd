import {
  type AdminChannel,
  type ChannelSecretName,
  generatedSecrets,
  secretsOfChannel,
  type SecretRotated,
} from '@parley/contract';
import { useId, useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import {
  Dialog,
  DialogActions,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogTitle,
} from '../../../ui/Dialog.tsx';
import { serverFieldError } from '../fieldErrors.ts';
import { useRotateSecret } from '../hooks/useChannels.ts';
import { secretLabels } from './ChannelSecretDialog.tsx';

/**
 * Asks which secret to replace. A generated one gets a new value shown once; a provider's
 * (Meta's app secret or access token) is pasted here. The old value is accepted for 24 hours.
 */
export function RotateSecretDialog({
  channel,
  onClose,
  onRotated,
}: {
  channel: AdminChannel | null;
  onClose: () => void;
  onRotated: (rotated: SecretRotated) => void;
}) {
  const rotate = useRotateSecret();
  const names = channel ? secretsOfChannel(channel) : [];
  const [picked, setPicked] = useState<ChannelSecretName | null>(null);
  const [value, setValue] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const id = useId();
  const name = picked && names.includes(picked) ? picked : names[0];
  const generated = name ? generatedSecrets.has(name) : true;
  const close = () => {
    rotate.reset();
    setPicked(null);
    setValue('');
    setSubmitted(false);
    onClose();
  };
  const valueError =
    submitted && !generated && !value.trim()
      ? 'Paste the new value from Meta.'
      : serverFieldError(rotate.error, 'value');
  const onConfirm = () => {
    setSubmitted(true);
    if (!channel || !name || (!generated && !value.trim())) return;
    rotate.mutate(
      { id: channel.id, body: generated ? { name } : { name, value: value.trim() } },
      {
        onSuccess: (rotated) => {
          close();
          onRotated(rotated);
        },
      },
    );
  };

  return (
    <Dialog open={channel !== null} onOpenChange={(open) => (open ? undefined : close())}>
      <DialogContent role="alertdialog" className="confirm-dialog">
        <DialogTitle>Rotate a secret of {channel?.name}?</DialogTitle>
        <DialogDescription>
          The new value takes over at once; the old one keeps working for 24 hours so senders can
          switch over.
        </DialogDescription>
        {names.length > 1 ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-name`}>
              Secret
            </label>
            <select
              id={`${id}-name`}
              className="input"
              value={name}
              onChange={(event) => setPicked(event.target.value as ChannelSecretName)}
            >
              {names.map((n) => (
                <option key={n} value={n}>
                  {secretLabels[n]}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {!generated ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-value`}>
              New {name ? secretLabels[name].toLowerCase() : 'value'}
            </label>
            <input
              id={`${id}-value`}
              className="input"
              type="password"
              autoComplete="off"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              aria-invalid={valueError ? true : undefined}
            />
            {valueError ? <p className="field__error">{valueError}</p> : null}
          </div>
        ) : (
          <p className="field__hint">Parley generates the new value and shows it once.</p>
        )}
        {rotate.isError && !serverFieldError(rotate.error, 'value') ? (
          <p className="field__error confirm-dialog__error" role="alert">
            {describeError(rotate.error)}
          </p>
        ) : null}
        <DialogActions>
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button variant="primary" onClick={onConfirm} pending={rotate.isPending}>
            Rotate
          </Button>
        </DialogActions>
      </DialogContent>
    </Dialog>
  );
}
