import type { ReactNode } from 'react';
import { EyeIcon } from '../../../ui/icons.tsx';

/**
 * Stands where the composer would: a supervisor watching a colleague's chat reads it and
 * comments, and only the chat's agent writes to the customer. `children`: what the supervisor
 * may do from here (Assign).
 */
export function ObservingBanner({
  agentName,
  children,
}: {
  agentName: string;
  children?: ReactNode;
}) {
  return (
    <div className="composer composer--blocked sup-observing" role="note">
      <EyeIcon size={14} />
      <p className="sup-observing__text">
        You are observing {agentName}’s chat. Only its agent writes to the customer.
      </p>
      {children ? <div className="sup-observing__actions">{children}</div> : null}
    </div>
  );
}
