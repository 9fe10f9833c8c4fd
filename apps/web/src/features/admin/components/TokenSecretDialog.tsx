import type { ApiTokenCreated } from '@parley/contract';
import { ShownOnceDialog } from './ShownOnceDialog.tsx';

/** The new token's secret, this once: the server keeps only its hash. */
export function TokenSecretDialog({
  token,
  onClose,
}: {
  token: ApiTokenCreated | null;
  onClose: () => void;
}) {
  return (
    <ShownOnceDialog
      value={token?.token ?? null}
      title={`Copy the token for “${token?.name ?? ''}”`}
      description="Paste it into the system that will use it. Keep it secret like a password."
      warning="You won't see this again: once you close this window the token can't be shown. If you lose it, revoke it and create a new one."
      valueLabel="New API token"
      closeLabel="I've stored it"
      onClose={onClose}
    />
  );
}
