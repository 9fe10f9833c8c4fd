import { ShownOnceDialog } from './ShownOnceDialog.tsx';

/** A webhook's signing secret, this once: Parley never shows it again. */
export function WebhookSecretDialog({
  shown,
  onClose,
}: {
  shown: { url: string; secret: string } | null;
  onClose: () => void;
}) {
  return (
    <ShownOnceDialog
      value={shown?.secret ?? null}
      title="Copy the signing secret"
      description={`The receiver at ${shown?.url ?? ''} checks X-Parley-Signature with it: an HMAC-SHA256 of “timestamp.body”.`}
      warning="You won't see this again. If you lose it, rotate the secret and update the receiver."
      valueLabel="Signing secret"
      closeLabel="I've stored it"
      onClose={onClose}
    />
  );
}
