import type { ReactNode } from 'react';
import { Tooltip } from './Tooltip.tsx';

/**
 * A disabled control that still says, on hover and on focus, why it is off. A disabled button
 * takes no focus or hover, so a focusable wrapper carries the tooltip; the reason is also its
 * description, so a screen reader hears it without waiting for the tooltip.
 */
export function DisabledWithReason({ reason, children }: { reason: string; children: ReactNode }) {
  return (
    <Tooltip content={reason}>
      {/* No name of its own: focused, it reads as the dimmed control inside plus the reason. */}
      <span className="disabled-with-reason" tabIndex={0} aria-description={reason}>
        {children}
      </span>
    </Tooltip>
  );
}
