import type { SetPasswordLink } from '@parley/contract';
import { absoluteTime } from '../../../ui/time.ts';
import { ShownOnceDialog } from './ShownOnceDialog.tsx';

export type ShownLink = {
  link: SetPasswordLink;
  /** Whose link it is. */
  name: string;
  /** A new account, or a reset of an existing one: the words differ. */
  reason: 'created' | 'reset';
};

/** Whole hours the link has left, as the server granted it (72 when just made). */
function hoursLeft(expiresAt: string, now = Date.now()): number {
  return Math.max(1, Math.round((Date.parse(expiresAt) - now) / 3_600_000));
}

/** The one-time set-password link, this once: the server keeps only its hash. */
export function SetPasswordLinkDialog({
  shown,
  onClose,
}: {
  shown: ShownLink | null;
  onClose: () => void;
}) {
  const link = shown?.link;
  return (
    <ShownOnceDialog
      value={link?.setPasswordUrl ?? null}
      title={
        shown?.reason === 'reset'
          ? `New set-password link for ${shown.name}`
          : `${shown?.name ?? ''} can now set a password`
      }
      description="Send them this link by a channel you trust. They open it, choose a password, then sign in."
      warning="You won't see this link again. If it is lost or expires, reset their password for a new one."
      valueLabel="Set-password link"
      closeLabel="Done"
      onClose={onClose}
    >
      {link ? (
        <p className="admin-table__meta">
          Valid {hoursLeft(link.expiresAt)} hours, usable once (until{' '}
          <time dateTime={link.expiresAt}>{absoluteTime(link.expiresAt)}</time>).
          {link.mailedTo ? ` Also sent to ${link.mailedTo}.` : null}
        </p>
      ) : null}
    </ShownOnceDialog>
  );
}
