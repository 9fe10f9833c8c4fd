import { type Me, PersonName, type Role, type StaffPresence } from '@parley/contract';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { notFound, unprocessable } from '../../errors.ts';
import { type Principal, requireAdmin, requireStaff } from '../../principal.ts';
import type { Bus } from '../../realtime/bus.ts';
import { type Notifier, transact } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import type { Presence } from '../../realtime/presence.ts';
import { recordAudit } from '../audit/index.ts';
import type { LinkMailDeps } from './set-password-mail.ts';
import { deleteSessionsOf } from './sessions.repo.ts';
import { MIN_PASSWORD_LENGTH, hashPassword } from './passwords.ts';
import {
  type StaffRow,
  findArchivedDepartmentNames,
  findDepartmentsOf,
  findOrCreateDepartments,
  findStaffByEmail,
  findStaffById,
  insertStaff,
  listActiveStaff,
  setStaffDepartments,
  toMe,
  updateStaff,
} from './staff.repo.ts';

export type StaffDeps = {
  db: Db;
  notifier: Notifier;
  presence: Presence;
  /** Someone became available: the queue may move. */
  onAvailable?: () => void;
  /**
   * Tells every node that someone's sessions ended, so their sockets close at once. Without it
   * (a command line without Redis) the nodes' periodic credential check closes them within 5 s.
   */
  bus?: Bus;
} & LinkMailDeps;

const presenceOf = (row: StaffRow, online: boolean): StaffPresence => ({
  id: row.id,
  name: row.name,
  role: row.role,
  available: row.available,
  online,
});

export async function getMe(deps: StaffDeps, principal: Principal): Promise<Me> {
  const me = requireStaff(principal);
  const row = await findStaffById(deps.db, me.staffId);
  if (!row || row.disabledAt) throw notFound('Your account no longer exists.');
  return toMe(row, await findDepartmentsOf(deps.db, row.id));
}

export async function setAvailability(
  deps: StaffDeps,
  principal: Principal,
  available: boolean,
): Promise<Me> {
  const me = requireStaff(principal);
  const online = await deps.presence.isOnline(me.staffId);
  const row = await transact(deps, async (tx, emit) => {
    const updated = await updateStaff(tx, me.staffId, { available });
    if (!updated) throw notFound('Your account no longer exists.');
    await emit({
      type: 'staff.presence',
      rooms: [rooms.allStaff],
      data: presenceOf(updated, online),
    });
    return updated;
  });
  if (available) deps.onAvailable?.();
  return toMe(row, await findDepartmentsOf(deps.db, row.id));
}

/** Tells colleagues that someone came online or went offline (their first or last connection). */
export async function announcePresence(deps: StaffDeps, staffId: string): Promise<void> {
  const online = await deps.presence.isOnline(staffId);
  await transact(deps, async (tx, emit) => {
    const row = await findStaffById(tx, staffId);
    if (!row) return;
    await emit({ type: 'staff.presence', rooms: [rooms.allStaff], data: presenceOf(row, online) });
  });
}

export async function listStaff(
  deps: StaffDeps,
  principal: Principal,
  filter: { online?: boolean },
): Promise<StaffPresence[]> {
  requireStaff(principal);
  const [rows, onlineIds] = await Promise.all([
    listActiveStaff(deps.db),
    deps.presence.onlineIds(),
  ]);
  return rows
    .map((row) => presenceOf(row, onlineIds.has(row.id)))
    .filter((person) => filter.online === undefined || person.online === filter.online);
}

export const CreateStaffInput = z.object({
  email: z.email().max(254),
  name: PersonName,
  role: z.enum(['admin', 'supervisor', 'agent']),
  departments: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
  capacity: z.number().int().min(1).max(100).optional(),
});
export type CreateStaffInput = z.input<typeof CreateStaffInput>;

const fieldErrors = (error: z.ZodError) =>
  error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));

export async function createStaff(
  deps: StaffDeps,
  principal: Principal,
  input: CreateStaffInput,
): Promise<Me> {
  requireAdmin(principal);
  const parsed = CreateStaffInput.safeParse(input);
  if (!parsed.success)
    throw unprocessable('The staff member is not valid.', fieldErrors(parsed.error));
  const value = parsed.data;
  if (await findStaffByEmail(deps.db, value.email))
    throw unprocessable('That email is taken.', [{ field: 'email', message: 'already in use' }]);
  const passwordHash = await hashPassword(value.password);
  return deps.db.transaction(async (tx) => {
    // An archived department takes no new people: say so rather than attach it silently.
    const archived = await findArchivedDepartmentNames(tx, value.departments);
    if (archived.length > 0)
      throw unprocessable(
        `${archived.map((name) => `"${name}"`).join(', ')} ${archived.length === 1 ? 'is' : 'are'} archived: restore it in the Admin area or leave it out.`,
        archived.map((name) => ({
          field: `departments.${value.departments.indexOf(name)}`,
          message: 'this department is archived',
        })),
      );
    const row = await insertStaff(tx, {
      email: value.email,
      name: value.name,
      role: value.role as Role,
      passwordHash,
      capacity: value.capacity,
    });
    const depts = await findOrCreateDepartments(tx, value.departments);
    await setStaffDepartments(
      tx,
      row.id,
      depts.map((department) => department.id),
    );
    const me = toMe(row, depts);
    await recordAudit(tx, {
      actor: principal,
      action: 'staff.created',
      object: { kind: 'staff', id: row.id },
      before: null,
      after: auditViewOf(me, false),
    });
    return me;
  });
}

/** What the audit log keeps of an account changed from the command line (as the Admin area's). */
const auditViewOf = (me: Me, deactivated: boolean) => ({
  name: me.name,
  email: me.email,
  role: me.role,
  departments: me.departments,
  capacity: me.capacity,
  deactivated,
});

export async function setPassword(
  deps: StaffDeps,
  principal: Principal,
  input: { email: string; password: string },
): Promise<void> {
  requireAdmin(principal);
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw unprocessable('The password is too short.', [
      { field: 'password', message: `at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  const row = await findStaffByEmail(deps.db, input.email);
  if (!row) throw notFound(`No staff member has the email ${input.email}.`);
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction(async (tx) => {
    await updateStaff(tx, row.id, { passwordHash });
    // A new password ends every session signed in with the old one, and their sockets.
    await deleteSessionsOf(tx, row.id);
    const view = auditViewOf(toMe(row, await findDepartmentsOf(tx, row.id)), !!row.disabledAt);
    // Never the password, not even its hash: only that it was set.
    await recordAudit(tx, {
      actor: principal,
      action: 'staff.password_set',
      object: { kind: 'staff', id: row.id },
      before: view,
      after: view,
    });
  });
  await deps.bus?.publish({ kind: 'staff-disconnect', staffId: row.id });
}

export type StaffRef = { id: string } | { email: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The staff member an operator named by email or id, or 404. */
export async function findStaff(db: Db, who: StaffRef) {
  const row =
    'email' in who
      ? await findStaffByEmail(db, who.email)
      : UUID.test(who.id)
        ? await findStaffById(db, who.id)
        : undefined;
  if (!row) throw notFound('No such staff member.');
  return row;
}
