import type { TransferInbox, TransferTargets } from '@parley/contract';
import { type Principal, requireStaff } from '../../principal.ts';
import {
  findActiveDepartments,
  findIncomingTransfers,
  findOutgoingTransfers,
  findPreview,
  findStaffWithLoad,
} from './transfers.repo.ts';
import {
  canTakeMore,
  loadTransferable,
  PREVIEW_LINES,
  type TransferDeps,
} from './transfers.service.ts';

/* What a person sees of transfers before and after offering: where a chat can go, and the offers
 * waiting on them or sent by them. */

/** Where the chat can go now: open departments with how many could take it, and who could. */
export async function transferTargets(
  deps: TransferDeps,
  principal: Principal,
  chatId: string,
): Promise<TransferTargets> {
  const chat = await loadTransferable(deps, principal, chatId);
  const online = await deps.presence.onlineIds();
  const [departments, everyone] = await Promise.all([
    findActiveDepartments(deps.db),
    findStaffWithLoad(deps.db, { availableOnly: true }),
  ]);
  const agents = everyone.filter((s) => s.id !== chat.assigneeId && canTakeMore(s, online));
  return {
    departments: departments.map((d) => ({
      ...d,
      available: agents.filter((a) => a.departmentIds.includes(d.id)).length,
    })),
    agents: agents.map((a) => ({
      id: a.id,
      name: a.name,
      role: a.role,
      load: a.load,
      capacity: a.capacity,
      departmentIds: a.departmentIds,
    })),
  };
}

/** Offers waiting on me, with a preview of each conversation, and my own offers. */
export async function transferInbox(
  deps: TransferDeps,
  principal: Principal,
): Promise<TransferInbox> {
  const me = requireStaff(principal);
  const [incoming, outgoing] = await Promise.all([
    findIncomingTransfers(deps.db, me),
    findOutgoingTransfers(deps.db, me.staffId),
  ]);
  const withPreview = await Promise.all(
    incoming.map(async (t) => ({
      ...t,
      preview: await findPreview(deps.db, t.chatId, PREVIEW_LINES),
    })),
  );
  return { incoming: withPreview, outgoing };
}
