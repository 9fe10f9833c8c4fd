import type { ChannelSecretName } from '@parley/contract';
import { useId, useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogDescription,
  DialogTitle,
} from '../../../ui/Dialog.tsx';
import { AlertIcon } from '../../../ui/icons.tsx';

export const secretLabels: Record<ChannelSecretName, string> = {
  secret: 'Signing secret',
  identitySecret: 'Identity secret',
  verifyToken: 'Verify token',
  appSecret: 'App secret',
  accessToken: 'Access token',
  authToken: 'Auth token',
  apiKey: 'API key',
  callbackSecret: 'Callback secret',
};

/** A copy button that says whether it worked, so a person knows to copy by hand if not. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <Button size="sm" onClick={() => void onCopy()} aria-label={label}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </Button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Copied.' : state === 'failed' ? 'Could not copy.' : ''}
      </span>
    </>
  );
}

/** The web chat's snippet to paste into a site, with a copy button. */
export function EmbedSnippet({ snippet }: { snippet: string }) {
  return (
    <div className="channel-snippet">
      <div className="channel-snippet__head">
        <span className="field__label">Embed snippet</span>
        <CopyButton text={snippet} label="Copy embed snippet" />
      </div>
      <pre className="channel-snippet__code">
        <code>{snippet}</code>
      </pre>
    </div>
  );
}

export type ShownSecrets = {
  channelName: string;
  secrets: [ChannelSecretName, string][];
  snippet?: string | null;
  note?: string;
};

/** Secrets Parley generated, this once: the server keeps them sealed or hashed and never shows them again. */
export function ChannelSecretDialog({
  shown,
  onClose,
}: {
  shown: ShownSecrets | null;
  onClose: () => void;
}) {
  const id = useId();
  return (
    <Dialog open={shown !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="token-secret">
        <DialogTitle>Copy the secrets of “{shown?.channelName}”</DialogTitle>
        <DialogDescription>
          {shown?.note ?? 'Give them to the system that sends to this channel. Keep them secret.'}
        </DialogDescription>
        <p className="token-secret__warning">
          <AlertIcon /> You won't see this again: once you close this window these values can't be
          shown. If you lose one, rotate it.
        </p>
        {shown?.secrets.map(([name, value]) => (
          <div key={name} className="field">
            <span className="field__label" id={`${id}-${name}`}>
              {secretLabels[name]}
            </span>
            <div className="token-secret__row">
              <input
                className="input token-secret__value"
                readOnly
                value={value}
                aria-labelledby={`${id}-${name}`}
                onFocus={(event) => event.currentTarget.select()}
              />
              <CopyButton text={value} label={`Copy ${secretLabels[name].toLowerCase()}`} />
            </div>
          </div>
        ))}
        {shown?.snippet ? <EmbedSnippet snippet={shown.snippet} /> : null}
        <DialogActions>
          <Button onClick={onClose}>I've stored them</Button>
        </DialogActions>
      </DialogContent>
    </Dialog>
  );
}
