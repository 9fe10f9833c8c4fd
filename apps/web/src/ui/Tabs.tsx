import * as RadixTabs from '@radix-ui/react-tabs';
import type { ComponentPropsWithoutRef } from 'react';
import { joinClasses } from './classes.ts';

type TabsProps<T extends string> = Omit<
  ComponentPropsWithoutRef<typeof RadixTabs.Root>,
  'value' | 'defaultValue' | 'onValueChange'
> & {
  value: T;
  onValueChange: (value: T) => void;
};

/**
 * Tabs whose value is one of the caller's own names. Arrow keys move between tabs, Tab moves into
 * the panel (Radix's roving focus).
 */
export function Tabs<T extends string>({ onValueChange, ...props }: TabsProps<T>) {
  // Radix hands back the value of one of our own triggers, so it is always one of T.
  return <RadixTabs.Root onValueChange={(value) => onValueChange(value as T)} {...props} />;
}

export function TabList({ className, ...props }: ComponentPropsWithoutRef<typeof RadixTabs.List>) {
  return <RadixTabs.List className={joinClasses('tabs__list', className)} {...props} />;
}

export function Tab({ className, ...props }: ComponentPropsWithoutRef<typeof RadixTabs.Trigger>) {
  return <RadixTabs.Trigger className={joinClasses('tabs__trigger', className)} {...props} />;
}

export function TabPanel({
  className,
  ...props
}: ComponentPropsWithoutRef<typeof RadixTabs.Content>) {
  return <RadixTabs.Content className={joinClasses('tabs__content', className)} {...props} />;
}
