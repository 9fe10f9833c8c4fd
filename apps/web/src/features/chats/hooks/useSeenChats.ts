import { useSyncExternalStore } from 'react';
import { seenStoreFor } from '../seen.ts';
import type { SeenState, SeenStore } from '../seen.ts';

export function useSeenChats(staffId: string): { state: SeenState; store: SeenStore } {
  const store = seenStoreFor(staffId);
  const state = useSyncExternalStore(store.subscribe, store.get);
  return { state, store };
}
