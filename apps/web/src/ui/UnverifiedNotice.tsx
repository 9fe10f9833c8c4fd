import { AlertIcon } from './icons.tsx';

/**
 * Said wherever staff meet a chat from an unproved number: anyone can type a number into the
 * web chat, so the person writing may not be the customer whose profile it matches.
 */
export function UnverifiedNotice() {
  return (
    <p className="unverified-note" role="note">
      <AlertIcon size={14} />
      <span>
        <strong>Unverified number.</strong> The visitor typed this number in the web chat and has
        not proved it is theirs. Do not disclose account details.
      </span>
    </p>
  );
}
