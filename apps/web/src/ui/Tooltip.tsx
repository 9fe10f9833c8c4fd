import * as RadixTooltip from '@radix-ui/react-tooltip';
import type { ComponentPropsWithoutRef, ReactElement, ReactNode } from 'react';

/** Once around the app: tooltips share one delay, and moving between them skips it. */
export const TooltipProvider = RadixTooltip.Provider;

type TooltipProps = {
  /** What the tooltip says; the trigger still needs its own accessible name. */
  content: ReactNode;
  /** One focusable element, e.g. a Button: it becomes the trigger itself. */
  children: ReactElement;
  side?: ComponentPropsWithoutRef<typeof RadixTooltip.Content>['side'];
  /** Only for a tooltip that also opens on a tap, which hover and focus alone never do. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
};

export function Tooltip({ content, children, side = 'top', open, onOpenChange }: TooltipProps) {
  return (
    <RadixTooltip.Root
      {...(open !== undefined ? { open } : {})}
      {...(onOpenChange ? { onOpenChange } : {})}
    >
      <RadixTooltip.Trigger asChild>{children}</RadixTooltip.Trigger>
      <RadixTooltip.Portal>
        <RadixTooltip.Content className="tooltip" side={side} sideOffset={6}>
          {content}
        </RadixTooltip.Content>
      </RadixTooltip.Portal>
    </RadixTooltip.Root>
  );
}
