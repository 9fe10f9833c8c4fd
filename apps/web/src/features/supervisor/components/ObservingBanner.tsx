import { EyeIcon } from '../../../ui/icons.tsx';

/**
 * Stands where the composer would: a supervisor watching a colleague's chat reads it and
 * comments, and only the chat's agent writes to the customer.
 */
export function ObservingBanner({ agentName }: { agentName: string }) {
  return (
    <p className="composer composer--blocked sup-observing" role="note">
      <EyeIcon size={14} />
      <span>You are observing {agentName}’s chat. Only its agent writes to the customer.</span>
    </p>
  );
}
