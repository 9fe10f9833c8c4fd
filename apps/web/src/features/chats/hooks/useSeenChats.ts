import { useSyncExternalStore } from 'react';
import { seenStoreFor } from '../seen.ts';
import type { SeenChats, SeenStore } from '../seen.ts';

export function useSeenChats(staffId: string): { seen: SeenChats; store: SeenStore } {
  const store = seenStoreFor(staffId);
  const seen = useSyncExternalStore(store.subscribe, store.get);
  return { seen, store };
}
