import type { Chat, OpenTransfer, Transfer } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../errors.ts';
import {
  isSupervisor,
  type Principal,
  requireStaff,
  type StaffPrincipal,
} from '../../principal.ts';
import { type EmitFrame, transact } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import {
  type ChatRow,
  type ChatServiceDeps,
  announceChat,
  findChat,
  findChatRow,
  handOverChatTransition,
  loadViewable,
  lockAgent,
  recordEvent,
  serveQueue,
  setChatOpenTransfer,
} from '../chats/index.ts';
import { notify } from '../notifications/index.ts';
import { readSettings } from '../settings/index.ts';
import {
  type DepartmentRow,
  findDepartmentRow,
  findPreview,
  findStaffWithLoad,
  findTransfer,
  findTransferRow,
  insertTransfer,
  lockOpenTransferOfChat,
  lockTransferRow,
  type StaffWithLoad,
  type TransferRow,
  updateTransfer,
} from './transfers.repo.ts';

/*
 * A live chat offered to a colleague or a department: offered by its agent or a supervisor,
 * accepted or rejected by the receiver, returned to the sender when nobody answers in time
 * (`transferOfferTimer`), withdrawn when the chat leaves the state it was offered in
 * (`withdrawOpenTransfer`, run by the chat's transitions). Every path locks the chat's row first
 * and the offer's second, so two answers, a double click or a timer racing a close take turns.
 */

/**
 * What transfers need: the chats' dependencies, and the time scale a demo or a browser test runs
 * at (an offer's minutes are divided by it; 1 unless given).
 */
export type TransferDeps = ChatServiceDeps & { timeScale?: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How many of the conversation's last lines an offer shows its receiver. */
export const PREVIEW_LINES = 3;

/** Who hears an offer change: its sender, who offered it, its receiver(s), supervisors. */
function transferRooms(t: Transfer): string[] {
  const to = new Set<string>([rooms.supervisors]);
  if (t.from) to.add(rooms.staff(t.from.id));
  if (t.offeredBy) to.add(rooms.staff(t.offeredBy.id));
  if (t.toAgent) to.add(rooms.staff(t.toAgent.id));
  else if (t.toDepartment) to.add(rooms.department(t.toDepartment.id));
  return [...to];
}

/**
 * Reads the offer as it now is and tells everyone who follows it. A new offer carries the
 * conversation's preview, so the receiver's card shows at once.
 */
export async function announceTransfer(
  tx: Db,
  emit: EmitFrame,
  id: string,
  opts: { withPreview?: boolean } = {},
): Promise<Transfer> {
  const transfer = await findTransfer(tx, id);
  if (!transfer) throw new Error(`transfer ${id} vanished`);
  const preview = opts.withPreview
    ? await findPreview(tx, transfer.chatId, PREVIEW_LINES)
    : undefined;
  await emit({
    type: 'transfer.updated',
    rooms: transferRooms(transfer),
    data: preview ? { ...transfer, preview } : transfer,
  });
  return transfer;
}

const openPart = (t: Transfer): OpenTransfer => ({
  id: t.id,
  from: t.from,
  offeredBy: t.offeredBy,
  toAgent: t.toAgent,
  toDepartment: t.toDepartment,
  note: t.note,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
});

export const named = (p: { id: string; name: string } | null) =>
  p ? { id: p.id, name: p.name } : null;

/** Transferring a chat is for its agent, or a supervisor for anyone's. */
function assertMayTransfer(principal: Principal, chat: ChatRow) {
  if (chat.kind === 'ticket')
    throw conflict(
      'This is a ticket: transfer it from the ticket (POST /api/tickets/{id}/transfer).',
    );
  if (isSupervisor(principal)) return;
  const me = requireStaff(principal);
  if (chat.assigneeId !== me.staffId)
    throw forbidden('Only the chat’s agent or a supervisor can transfer it.');
}

export async function loadTransferable(deps: TransferDeps, principal: Principal, chatId: string) {
  const chat = await loadViewable(deps, principal, chatId);
  assertMayTransfer(principal, chat);
  return chat;
}

/** Whether someone could take a chat now: available, online, not deactivated, with room. */
export const canTakeMore = (s: StaffWithLoad, online: Set<string>) =>
  s.available && !s.disabled && online.has(s.id) && s.load < s.capacity;

type Target = { agent: StaffWithLoad | null; department: DepartmentRow | null };

/** The named agent and department, or 422 naming the field that names nobody. */
async function resolveTarget(
  db: Db,
  body: { agentId?: string | undefined; departmentId?: string | undefined },
): Promise<Target> {
  if (!body.agentId && !body.departmentId)
    throw unprocessable('Choose a colleague or a department to transfer the chat to.', [
      { field: 'agentId', message: 'Name an agent, a department, or both' },
      { field: 'departmentId', message: 'Name an agent, a department, or both' },
    ]);
  let agent: StaffWithLoad | null = null;
  if (body.agentId) {
    [agent = null] = UUID.test(body.agentId)
      ? await findStaffWithLoad(db, { ids: [body.agentId] })
      : [];
    if (!agent || agent.disabled)
      throw unprocessable('There is no such colleague to transfer the chat to.', [
        { field: 'agentId', message: `No active staff member has the id "${body.agentId}"` },
      ]);
  }
  let department: DepartmentRow | null = null;
  if (body.departmentId) {
    department = UUID.test(body.departmentId)
      ? ((await findDepartmentRow(db, body.departmentId)) ?? null)
      : null;
    if (!department || department.archivedAt)
      throw unprocessable('There is no such department to transfer the chat to.', [
        { field: 'departmentId', message: `No open department has the id "${body.departmentId}"` },
      ]);
  }
  return { agent, department };
}

/**
 * The rules an offer must pass on the locked chat, each refusal saying why; answers the named
 * agent as they are now, or null for a department offer.
 */
async function assertOfferable(
  tx: Db,
  chat: ChatRow,
  target: Target,
  online: Set<string>,
): Promise<StaffWithLoad | null> {
  if (chat.status !== 'live')
    throw conflict(`Only a live chat can be transferred (this one is ${chat.status}).`);
  if (chat.flagged) throw conflict('A flagged chat cannot be transferred. Un-flag it first.');
  const departmentId = target.department?.id ?? chat.departmentId;
  const departmentName =
    target.department?.name ?? (await findDepartmentRow(tx, departmentId))?.name ?? 'department';
  if (target.agent) {
    const [agent] = await findStaffWithLoad(tx, { ids: [target.agent.id] });
    if (!agent) throw conflict('That colleague no longer exists.');
    if (agent.id === chat.assigneeId) throw conflict(`${agent.name} already has this chat.`);
    if (!agent.available || agent.disabled)
      throw conflict(`${agent.name} is not available right now.`);
    if (!online.has(agent.id)) throw conflict(`${agent.name} is offline.`);
    if (agent.load >= agent.capacity)
      throw conflict(`${agent.name} is at capacity (${agent.load}/${agent.capacity}).`);
    if (!agent.departmentIds.includes(departmentId))
      throw conflict(`${agent.name} does not work in ${departmentName}.`);
    return agent;
  }
  const receivers = await departmentReceivers(tx, departmentId, chat.assigneeId, online);
  if (receivers.length === 0)
    throw conflict(
      `Nobody in ${departmentName} is available with room for another chat right now.`,
    );
  return null;
}

/** The members of a department who could take the chat now, its current agent aside. */
async function departmentReceivers(
  db: Db,
  departmentId: string,
  exceptId: string | null,
  online: Set<string>,
): Promise<StaffWithLoad[]> {
  const everyone = await findStaffWithLoad(db, { availableOnly: true });
  return everyone.filter(
    (s) => s.departmentIds.includes(departmentId) && s.id !== exceptId && canTakeMore(s, online),
  );
}

/** The same offer again (a double click, a retried request): same sender, target and note. */
const isSameOffer = (
  open: TransferRow,
  me: StaffPrincipal,
  target: Target,
  note: string,
): boolean =>
  open.offeredById === me.staffId &&
  open.toStaffId === (target.agent?.id ?? null) &&
  open.toDepartmentId === (target.department?.id ?? null) &&
  open.note === note;

/**
 * The offer in the chat's timeline (`transferred`: by, to, note) and on each receiver's bell: the
 * named agent, or everyone in the department who could take the chat now.
 */
async function recordOffer(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  transfer: Transfer,
  receivers: StaffWithLoad[],
) {
  const to = {
    ...(transfer.toAgent ? { agent: named(transfer.toAgent) } : {}),
    ...(transfer.toDepartment ? { department: named(transfer.toDepartment) } : {}),
  };
  await recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    type: 'transferred',
    actor: { kind: 'staff', staffId: transfer.offeredBy!.id },
    data: { by: named(transfer.offeredBy), to, note: transfer.note },
  });
  for (const receiver of receivers)
    await notify(tx, emit, {
      staffId: receiver.id,
      kind: 'transfer_offer',
      chatId: chat.id,
      data: {
        transferId: transfer.id,
        from: named(transfer.offeredBy),
        note: transfer.note,
        ...(transfer.toAgent ? {} : { department: to.department }),
      },
    });
}

/**
 * Offers a live chat to a colleague, a department, or a colleague within a department. The chat
 * shows as transferring until the receiver answers or the offer runs out. The same offer again
 * answers the chat as it is.
 */
export async function offerTransfer(
  deps: TransferDeps,
  principal: Principal,
  chatId: string,
  body: { agentId?: string | undefined; departmentId?: string | undefined; note: string },
): Promise<Chat> {
  const me = requireStaff(principal);
  await loadTransferable(deps, principal, chatId);
  const target = await resolveTarget(deps.db, body);
  const settings = await readSettings(deps.db);
  const online = await deps.presence.onlineIds();
  const offerMs = (settings.transferOfferMinutes * 60_000) / (deps.timeScale ?? 1);
  return transact(deps, async (tx, emit) => {
    const chat = await findChatRow(tx, chatId, true);
    if (!chat) throw notFound('No such chat.');
    assertMayTransfer(principal, chat);
    const open = await lockOpenTransferOfChat(tx, chat.id);
    if (open && chat.status === 'live' && isSameOffer(open, me, target, body.note))
      return (await findChat(tx, chat.id))!;
    const agent = await assertOfferable(tx, chat, target, online);
    if (open)
      throw conflict(
        'This chat already has an open transfer offer. Wait for its answer, or for it to return.',
      );
    const row = await insertTransfer(tx, {
      chatId: chat.id,
      fromStaffId: chat.assigneeId!,
      offeredById: me.staffId,
      toStaffId: agent?.id ?? null,
      toDepartmentId: target.department?.id ?? null,
      note: body.note,
      expiresAt: new Date(Date.now() + offerMs),
    });
    const transfer = await announceTransfer(tx, emit, row.id, { withPreview: true });
    await setChatOpenTransfer(tx, chat.id, openPart(transfer));
    const receivers = agent
      ? [agent]
      : await departmentReceivers(tx, target.department!.id, chat.assigneeId, online);
    await recordOffer(tx, emit, chat, transfer, receivers);
    return (await announceChat(tx, emit, chat.id))!;
  });
}

/** Who may see an offer: its sender, who offered it, its receiver(s) and supervisors. */
function maySee(principal: StaffPrincipal, t: TransferRow): boolean {
  if (isSupervisor(principal)) return true;
  const me = principal.staffId;
  return (
    t.fromStaffId === me ||
    t.offeredById === me ||
    t.toStaffId === me ||
    (t.toStaffId === null &&
      t.toDepartmentId !== null &&
      principal.departmentIds.includes(t.toDepartmentId))
  );
}

/**
 * The named agent answers an offer; with nobody named, any member of the department but the
 * chat's own agent, who sent it.
 */
function isReceiver(principal: StaffPrincipal, t: TransferRow): boolean {
  if (t.toStaffId) return t.toStaffId === principal.staffId;
  return (
    t.fromStaffId !== principal.staffId &&
    t.toDepartmentId !== null &&
    principal.departmentIds.includes(t.toDepartmentId)
  );
}

/** An offer the principal may see, or 404 (also for ids that are not ids). */
async function loadVisibleTransfer(
  deps: TransferDeps,
  principal: Principal,
  id: string,
): Promise<{ me: StaffPrincipal; row: TransferRow }> {
  const me = requireStaff(principal);
  const row = UUID.test(id) ? await findTransferRow(deps.db, id) : undefined;
  if (!row || !maySee(me, row)) throw notFound('No such transfer offer.');
  return { me, row };
}

async function loadAnswerable(deps: TransferDeps, principal: Principal, id: string) {
  const found = await loadVisibleTransfer(deps, principal, id);
  if (!isReceiver(found.me, found.row))
    throw forbidden('Only the colleague the offer names (or its department) can answer it.');
  return found;
}

const answeredAlready = (t: TransferRow) =>
  t.state === 'withdrawn'
    ? conflict(`This offer was withdrawn: ${t.reason ?? 'the chat changed'}`)
    : conflict(`This offer was already ${t.state}.`);

/** Why the chat can no longer go as offered, or undefined while it still can. */
function whyOfferLapsed(chat: ChatRow, t: TransferRow): string | undefined {
  if (chat.status !== 'live') return `The chat is ${chat.status} now.`;
  if (chat.flagged) return 'The chat was flagged.';
  if (chat.assigneeId !== t.fromStaffId) return 'The chat changed hands.';
  return undefined;
}

/** Locks the chat, then the offer (one order everywhere). */
export async function lockChatAndTransfer(tx: Db, row: TransferRow) {
  const chat = await findChatRow(tx, row.chatId, true);
  const transfer = await lockTransferRow(tx, row.id);
  if (!chat || !transfer) throw notFound('No such transfer offer.');
  return { chat, transfer };
}

/**
 * Takes the chat: it becomes mine (in the offer's department, when it named one), live, and the
 * sender has room again. The chat must still be live, unflagged and with the sender, else the
 * offer is withdrawn and 409 says why. Accepting what I already accepted answers the chat again.
 */
export async function acceptTransfer(
  deps: TransferDeps,
  principal: Principal,
  id: string,
): Promise<Chat> {
  const { me, row } = await loadAnswerable(deps, principal, id);
  const outcome = await transact(deps, async (tx, emit) => {
    const { chat, transfer } = await lockChatAndTransfer(tx, row);
    if (transfer.state === 'accepted' && transfer.answeredById === me.staffId)
      return { chat: (await findChat(tx, chat.id))! };
    if (transfer.state !== 'offered') throw answeredAlready(transfer);
    const lapsed = whyOfferLapsed(chat, transfer);
    if (lapsed) {
      await withdraw(tx, emit, chat, transfer, lapsed);
      return { lapsed };
    }
    const agent = await lockAgent(tx, me.staffId);
    if (agent.load >= agent.capacity)
      throw conflict(
        `You are at capacity (${agent.load}/${agent.capacity}). Close or hand on a chat, then accept.`,
      );
    await updateTransfer(tx, transfer.id, {
      state: 'accepted',
      answeredById: me.staffId,
      answeredAt: new Date(),
    });
    const answered = await announceTransfer(tx, emit, transfer.id);
    const after = await handOverChatTransition(tx, emit, chat, {
      agent,
      departmentId: transfer.toDepartmentId,
      by: { kind: 'staff', staffId: me.staffId },
      event: {
        type: 'transfer_accepted',
        data: {
          from: named(answered.from),
          to: { id: agent.id, name: agent.name },
          ...(answered.toDepartment ? { department: named(answered.toDepartment) } : {}),
        },
      },
    });
    return { chat: after! };
  });
  if ('lapsed' in outcome) throw conflict(`This offer was withdrawn: ${outcome.lapsed}`);
  await serveQueue(deps);
  return outcome.chat;
}

/** Turns the offer down, with a reason the sender reads. A repeated reject answers the first. */
export async function rejectTransfer(
  deps: TransferDeps,
  principal: Principal,
  id: string,
  reason: string | undefined,
): Promise<Transfer> {
  const { me, row } = await loadAnswerable(deps, principal, id);
  return transact(deps, async (tx, emit) => {
    const { chat, transfer } = await lockChatAndTransfer(tx, row);
    if (transfer.state === 'rejected' && transfer.answeredById === me.staffId)
      return (await findTransfer(tx, transfer.id))!;
    if (transfer.state !== 'offered') throw answeredAlready(transfer);
    await updateTransfer(tx, transfer.id, {
      state: 'rejected',
      reason: reason || null,
      answeredById: me.staffId,
      answeredAt: new Date(),
    });
    await closeOffer(tx, emit, chat, {
      type: 'transfer_rejected',
      actor: { kind: 'staff', staffId: me.staffId },
      data: { reason: reason || null },
    });
    const answered = await announceTransfer(tx, emit, transfer.id);
    for (const sender of sendersOf(transfer))
      await notify(tx, emit, {
        staffId: sender,
        kind: 'transfer_rejected',
        chatId: chat.id,
        data: { transferId: transfer.id, by: named(answered.answeredBy), reason: reason || null },
      });
    return answered;
  });
}

/** The sender and, when a supervisor offered someone else's chat, the supervisor too. */
export const sendersOf = (t: TransferRow): string[] =>
  [...new Set([t.fromStaffId, t.offeredById])].filter((id): id is string => id !== null);

/**
 * The offer's end on the chat: it no longer shows as transferring, the timeline says why, and
 * the chat's audience hears it.
 */
export async function closeOffer(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  event: {
    type: string;
    actor: { kind: 'staff'; staffId: string } | { kind: 'system' };
    data: Record<string, unknown>;
  },
) {
  await setChatOpenTransfer(tx, chat.id, null);
  await recordEvent(tx, emit, { chatId: chat.id, customerId: chat.customerId, ...event });
  await announceChat(tx, emit, chat.id);
}

/** The sender saw the rejection or the return: it leaves their list of offers. */
export async function acknowledgeTransfer(
  deps: TransferDeps,
  principal: Principal,
  id: string,
): Promise<void> {
  const { me, row } = await loadVisibleTransfer(deps, principal, id);
  if (row.fromStaffId !== me.staffId && row.offeredById !== me.staffId)
    throw forbidden('Only who sent the offer acknowledges its answer.');
  await transact(deps, async (tx, emit) => {
    const transfer = await lockTransferRow(tx, row.id);
    if (!transfer) throw notFound('No such transfer offer.');
    if (transfer.state === 'offered')
      throw conflict('The offer is still open: there is no answer to acknowledge yet.');
    if (transfer.acknowledgedAt) return;
    await updateTransfer(tx, transfer.id, { acknowledgedAt: new Date() });
    await announceTransfer(tx, emit, transfer.id);
  });
}

/** Withdraws an offer (rows locked) whose chat left the state it was offered in. */
export async function withdraw(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  transfer: TransferRow,
  reason: string,
): Promise<void> {
  await updateTransfer(tx, transfer.id, { state: 'withdrawn', reason, answeredAt: new Date() });
  await setChatOpenTransfer(tx, chat.id, null);
  await announceTransfer(tx, emit, transfer.id);
}
