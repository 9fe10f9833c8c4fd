/**
 * Who is online (signed in with a live connection). In one process this is the hub's own count;
 * with several nodes a shared implementation carries it.
 */
export type Presence = {
  /** Records a new connection; true when this made the person online. */
  connected(staffId: string): Promise<boolean>;
  /** Records a closed connection; true when this made the person offline. */
  disconnected(staffId: string): Promise<boolean>;
  isOnline(staffId: string): Promise<boolean>;
  onlineIds(): Promise<Set<string>>;
  close(): Promise<void>;
};

export function createLocalPresence(): Presence {
  const counts = new Map<string, number>();
  return {
    async connected(staffId) {
      const count = (counts.get(staffId) ?? 0) + 1;
      counts.set(staffId, count);
      return count === 1;
    },
    async disconnected(staffId) {
      const count = (counts.get(staffId) ?? 0) - 1;
      if (count > 0) {
        counts.set(staffId, count);
        return false;
      }
      const wasOnline = counts.delete(staffId);
      return wasOnline;
    },
    async isOnline(staffId) {
      return counts.has(staffId);
    },
    async onlineIds() {
      return new Set(counts.keys());
    },
    async close() {
      counts.clear();
    },
  };
}
