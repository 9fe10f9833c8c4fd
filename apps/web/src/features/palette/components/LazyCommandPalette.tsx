import type { Me } from '@parley/contract';
import { lazy, Suspense, useState } from 'react';

// The palette and cmdk load on first use, so the desk's first download stays small.
const CommandPalette = lazy(() =>
  import('./CommandPalette.tsx').then((module) => ({ default: module.CommandPalette })),
);

type LazyCommandPaletteProps = { open: boolean; onOpenChange: (open: boolean) => void; me: Me };

export function LazyCommandPalette({ open, onOpenChange, me }: LazyCommandPaletteProps) {
  const [wanted, setWanted] = useState(open);
  if (open && !wanted) setWanted(true);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <CommandPalette open={open} onOpenChange={onOpenChange} me={me} />
    </Suspense>
  );
}
