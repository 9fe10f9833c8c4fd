import * as RadixSwitch from '@radix-ui/react-switch';
import type { ComponentPropsWithoutRef } from 'react';
import { joinClasses } from './classes.ts';

type SwitchProps = ComponentPropsWithoutRef<typeof RadixSwitch.Root>;

/** An on/off button (role switch): label it with a <label htmlFor> on its id. */
export function Switch({ className, ...props }: SwitchProps) {
  return (
    <RadixSwitch.Root className={joinClasses('switch', className)} {...props}>
      <RadixSwitch.Thumb className="switch__thumb" />
    </RadixSwitch.Root>
  );
}
