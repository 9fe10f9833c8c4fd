import { randomBytes } from 'node:crypto';
import type { AdminStaff, Me, SetPasswordLink } from '@parley/contract';
import { conflict, notFound } from '../../errors.ts';
import { type Principal, requireAdmin } from '../../principal.ts';
import { recordAudit } from '../audit/index.ts';
import { type ChatServiceDeps, returnAgentChatsInTransaction, serveQueue } from '../chats/index.ts';
import { transact } from '../../realtime/frames.ts';
import { hashPassword } from './passwords.ts';
import { deleteSessionsOf } from './sessions.repo.ts';
import { mailSetPasswordLink } from './set-password-mail.ts';
import { retireSetPasswordLinksOf } from './set-password.repo.ts';
import { issueSetPasswordLink } from './set-password.service.ts';
import { lockAdminCount } from './staff-admin.repo.ts';
import { assertAnotherAdmin, auditView, lockExisting, readStaff } from './staff-admin.service.ts';
import {
  findDepartmentsOf,
  findStaffById,
  setStaffDisabled,
  toMe,
  updateStaff,
} from './staff.repo.ts';
import { findStaff, type StaffDeps, type StaffRef } from './staff.service.ts';

/*
 * Ending and restoring someone's access from the Admin area. Each change ends what it must in its
 * transaction (sessions, set-password links) and, once committed, tells every node over the bus
 * so their sockets close at once; without a bus the nodes' credential check closes them within 5 s.
 */

/**
 * Deactivating an agent also needs the chats feature: their open chats go back to routing. Without
 * `chats` (the command line) the staff deps serve, with no outbox to wake.
 */
export type StaffAccessDeps = StaffDeps & { chats?: ChatServiceDeps };

const actorId = (principal: Principal) => (principal.kind === 'staff' ? principal.staffId : null);

/**
 * Deactivates an account: it can no longer sign in, its sessions, links and sockets end, and its
 * open chats return to the queue with an event each. Not your own account, and not the last
 * active admin (409). Deactivating a deactivated account changes nothing.
 */
export async function deactivateStaffByAdmin(
  deps: StaffAccessDeps,
  principal: Principal,
  id: string,
): Promise<AdminStaff> {
  requireAdmin(principal);
  const { after, returned } = await transact(deps, async (tx, emit) => {
    await lockAdminCount(tx);
    const row = await lockExisting(tx, id);
    if (actorId(principal) === row.id) throw conflict('You cannot deactivate your own account.');
    if (row.disabledAt) return { after: await readStaff(deps, tx, id), returned: 0 };
    await assertAnotherAdmin(tx, row, 'deactivating them');
    const before = await readStaff(deps, tx, id);
    const now = new Date();
    await setStaffDisabled(tx, row.id, now);
    await deleteSessionsOf(tx, row.id);
    await retireSetPasswordLinksOf(tx, row.id, now);
    const after = await readStaff(deps, tx, id);
    await recordAudit(tx, {
      actor: principal,
      action: 'staff.deactivated',
      object: { kind: 'staff', id },
      before: auditView(before),
      after: auditView(after),
    });
    // In this transaction: a crash after the commit cannot leave chats with someone who left.
    const returned = await returnAgentChatsInTransaction(tx, emit, row.id, principal);
    return { after, returned };
  });
  await deps.bus?.publish({ kind: 'staff-disconnect', staffId: after.id });
  // Colleagues take the returned chats after the commit, as whenever the queue is served.
  if (returned > 0) await serveQueue(deps.chats ?? deps);
  return after;
}

/** Lets a deactivated account sign in again, with its password; no session comes back. */
export async function reactivateStaffByAdmin(
  deps: StaffDeps,
  principal: Principal,
  id: string,
): Promise<AdminStaff> {
  requireAdmin(principal);
  return deps.db.transaction(async (tx) => {
    const row = await lockExisting(tx, id);
    if (!row.disabledAt) return readStaff(deps, tx, id);
    const before = await readStaff(deps, tx, id);
    await setStaffDisabled(tx, row.id, null);
    const after = await readStaff(deps, tx, id);
    await recordAudit(tx, {
      actor: principal,
      action: 'staff.reactivated',
      object: { kind: 'staff', id },
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/**
 * Answers a new one-time set-password link for the person and, as a password change does, ends
 * every session and socket they have. Their old password stops working too: whoever forgot it or
 * let it leak must not keep using it until the link is opened.
 */
export async function resetStaffPassword(
  deps: StaffDeps,
  principal: Principal,
  id: string,
  origin: string,
): Promise<SetPasswordLink> {
  requireAdmin(principal);
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  const link = await deps.db.transaction(async (tx) => {
    const row = await lockExisting(tx, id);
    if (row.disabledAt) throw conflict('Reactivate the account before resetting its password.');
    const before = await readStaff(deps, tx, id);
    await updateStaff(tx, row.id, { passwordHash: unusable });
    await deleteSessionsOf(tx, row.id);
    const issued = await issueSetPasswordLink(tx, {
      staffId: row.id,
      createdBy: actorId(principal),
      origin,
    });
    await recordAudit(tx, {
      actor: principal,
      action: 'staff.password_reset',
      object: { kind: 'staff', id },
      before: auditView(before),
      // Never the link: whoever reads the audit log must not be able to use it.
      after: { ...auditView(before), linkExpiresAt: issued.expiresAt },
    });
    return { issued, person: { name: before.name, email: before.email } };
  });
  await deps.bus?.publish({ kind: 'staff-disconnect', staffId: id });
  return mailSetPasswordLink(deps, link.person, link.issued, 'reset');
}

/**
 * The command line's deactivation, by email or id: the same path as the Admin area's (sessions,
 * links, sockets, chats back to the queue, audited), answering the account as the CLI prints it.
 */
export async function deactivateStaff(
  deps: StaffAccessDeps,
  principal: Principal,
  who: StaffRef,
): Promise<Me> {
  requireAdmin(principal);
  const row = await findStaff(deps.db, who);
  await deactivateStaffByAdmin(deps, principal, row.id);
  return meOf(deps, row.id);
}

/** The command line's reactivation, by email or id, audited as the Admin area's is. */
export async function reactivateStaff(
  deps: StaffDeps,
  principal: Principal,
  who: StaffRef,
): Promise<Me> {
  requireAdmin(principal);
  const row = await findStaff(deps.db, who);
  await reactivateStaffByAdmin(deps, principal, row.id);
  return meOf(deps, row.id);
}

async function meOf(deps: StaffDeps, id: string): Promise<Me> {
  const row = await findStaffById(deps.db, id);
  if (!row) throw notFound('No such staff member.');
  return toMe(row, await findDepartmentsOf(deps.db, id));
}
