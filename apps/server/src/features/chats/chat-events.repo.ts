import type { Db } from '../../db/client.ts';
import { events } from '../../db/schema.ts';
import type { EventRow } from './chat-payloads.repo.ts';

/**
 * Events only supervisors and admins see, in the timeline, in History and as frames: a
 * supervisor's monitoring of a chat (`observed`) is not the agent's business.
 */
export const SUPERVISOR_ONLY_EVENTS: readonly string[] = ['observed'];

/** Events are never changed once written: this is the only write. */
export async function insertEvent(
  tx: Db,
  event: {
    chatId: string | null;
    customerId: string;
    type: string;
    actorKind: EventRow['actorKind'];
    actorStaffId: string | null;
    data: Record<string, unknown>;
  },
): Promise<EventRow> {
  const [row] = await tx.insert(events).values(event).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}
