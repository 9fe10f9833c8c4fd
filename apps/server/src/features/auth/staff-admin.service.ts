import { randomBytes } from 'node:crypto';
import {
  type AdminStaff,
  PersonName,
  type StaffCreateBody,
  type StaffCreated,
  type StaffPatchBody,
} from '@parley/contract';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { conflict, type FieldError, notFound, unprocessable } from '../../errors.ts';
import { type Principal, requireAdmin } from '../../principal.ts';
import { recordAudit } from '../audit/index.ts';
import { hashPassword } from './passwords.ts';
import { mailSetPasswordLink } from './set-password-mail.ts';
import { issueSetPasswordLink } from './set-password.service.ts';
import {
  countOtherActiveAdmins,
  findDepartmentsOfMany,
  findOpenDepartmentIds,
  findStaffForAdmin,
  lockAdminCount,
  lockStaffRow,
  updateStaffRow,
} from './staff-admin.repo.ts';
import { type StaffRow, findStaffByEmail, insertStaff, setStaffDepartments } from './staff.repo.ts';
import type { StaffDeps } from './staff.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const Email = z.email().max(254);
const Capacity = z.number().int().min(1).max(100);

async function toAdminStaff(deps: StaffDeps, db: Db, rows: StaffRow[]): Promise<AdminStaff[]> {
  const [departments, online] = await Promise.all([
    findDepartmentsOfMany(
      db,
      rows.map((row) => row.id),
    ),
    deps.presence.onlineIds(),
  ]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    departments: departments.get(row.id) ?? [],
    capacity: row.capacity,
    status: {
      online: online.has(row.id) && row.disabledAt === null,
      available: row.available,
      deactivated: row.disabledAt !== null,
    },
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  }));
}

export async function readStaff(deps: StaffDeps, db: Db, id: string): Promise<AdminStaff> {
  const row = await lockStaffRow(db, id);
  if (!row) throw notFound('No such staff member.');
  return (await toAdminStaff(deps, db, [row]))[0]!;
}

/** What the audit log keeps of a staff member: what an admin changes, never a credential. */
export const auditView = (s: AdminStaff) => ({
  name: s.name,
  email: s.email,
  role: s.role,
  departments: s.departments,
  capacity: s.capacity,
  deactivated: s.status.deactivated,
});

/** The staff row, locked, or 404 (also for ids that are not ids). */
export async function lockExisting(tx: Db, id: string): Promise<StaffRow> {
  const row = UUID.test(id) ? await lockStaffRow(tx, id) : undefined;
  if (!row) throw notFound('No such staff member.');
  return row;
}

/** Every staff member for the Staff page, deactivated ones too, by name. Admins only. */
export async function listStaffForAdmin(
  deps: StaffDeps,
  principal: Principal,
  query: { q?: string | undefined },
): Promise<AdminStaff[]> {
  requireAdmin(principal);
  const q = query.q?.trim();
  return toAdminStaff(deps, deps.db, await findStaffForAdmin(deps.db, q || undefined));
}

function check<T>(errors: FieldError[], field: string, schema: z.ZodType<T>, value: unknown) {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    errors.push(...parsed.error.issues.map((issue) => ({ field, message: issue.message })));
  return parsed.success ? parsed.data : undefined;
}

/** Unique department ids that are open departments (or ones the person already belongs to). */
async function checkDepartments(
  tx: Db,
  errors: FieldError[],
  field: string,
  ids: string[],
  current: string[] = [],
): Promise<string[]> {
  const open = await findOpenDepartmentIds(
    tx,
    ids.filter((id) => UUID.test(id)),
  );
  ids.forEach((id, i) => {
    if (!open.has(id) && !current.includes(id))
      errors.push({ field: `${field}.${i}`, message: 'no open department has this id' });
  });
  return [...new Set(ids)];
}

/**
 * Creates a staff member with no usable password and answers a one-time link (shown to the admin
 * this once) with which they choose one. `origin` is the desk's address, for the link.
 */
export async function createStaffByAdmin(
  deps: StaffDeps,
  principal: Principal,
  input: StaffCreateBody,
  origin: string,
): Promise<StaffCreated> {
  requireAdmin(principal);
  // Nobody knows this password: the account is unusable until the link sets one.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const created = await deps.db.transaction(async (tx) => {
    const errors: FieldError[] = [];
    const name = check(errors, 'name', PersonName, input.name);
    const email = check(errors, 'email', Email, input.email.trim())?.toLowerCase();
    const capacity = check(errors, 'capacity', Capacity.optional(), input.capacity);
    const departmentIds = await checkDepartments(
      tx,
      errors,
      'departmentIds',
      input.departmentIds ?? [],
    );
    if (email && (await findStaffByEmail(tx, email)))
      errors.push({ field: 'email', message: 'already in use' });
    if (errors.length > 0 || !name || !email)
      throw unprocessable('The staff member is not valid.', errors);
    const row = await insertStaff(tx, { email, name, role: input.role, passwordHash, capacity });
    await setStaffDepartments(tx, row.id, departmentIds);
    const created = await readStaff(deps, tx, row.id);
    await recordAudit(tx, {
      actor: principal,
      action: 'staff.created',
      object: { kind: 'staff', id: row.id },
      before: null,
      after: auditView(created),
    });
    const link = await issueSetPasswordLink(tx, {
      staffId: row.id,
      createdBy: principal.kind === 'staff' ? principal.staffId : null,
      origin,
    });
    return { ...created, setPasswordLink: link };
  });
  // After the commit: a mail must never announce an account that could still roll back.
  const setPasswordLink = await mailSetPasswordLink(
    deps,
    created,
    created.setPasswordLink,
    'created',
  );
  return { ...created, setPasswordLink };
}

/** Refuses a change that would leave no active admin; call it holding `lockAdminCount`. */
export async function assertAnotherAdmin(tx: Db, row: StaffRow, what: string) {
  if (
    row.role === 'admin' &&
    row.disabledAt === null &&
    (await countOtherActiveAdmins(tx, row.id)) === 0
  )
    throw conflict(
      `${row.name} is the last active admin: ${what} would leave nobody to administer the desk.`,
    );
}

/**
 * Renames a staff member or changes their role, departments or capacity. A role or department
 * change reaches their open sockets at the next credential check (within seconds).
 */
export async function updateStaffByAdmin(
  deps: StaffDeps,
  principal: Principal,
  id: string,
  patch: StaffPatchBody,
): Promise<AdminStaff> {
  requireAdmin(principal);
  if (patch.departmentIds !== undefined && patch.departments !== undefined)
    throw unprocessable('Give the departments once.', [
      { field: 'departments', message: 'give either departments or departmentIds' },
    ]);
  const wantedDepartments = patch.departmentIds ?? patch.departments;
  return deps.db.transaction(async (tx) => {
    if (patch.role !== undefined && patch.role !== 'admin') await lockAdminCount(tx);
    const row = await lockExisting(tx, id);
    const before = await readStaff(deps, tx, id);
    const errors: FieldError[] = [];
    const name = check(errors, 'name', PersonName.optional(), patch.name);
    const capacity = check(errors, 'capacity', Capacity.optional(), patch.capacity);
    const departmentIds =
      wantedDepartments &&
      (await checkDepartments(
        tx,
        errors,
        patch.departmentIds ? 'departmentIds' : 'departments',
        wantedDepartments,
        before.departments.map((d) => d.id),
      ));
    if (errors.length > 0) throw unprocessable('The staff member is not valid.', errors);
    if (patch.role !== undefined && patch.role !== 'admin')
      await assertAnotherAdmin(tx, row, 'demoting them');
    await updateStaffRow(tx, id, {
      ...(name !== undefined ? { name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(capacity !== undefined ? { capacity } : {}),
    });
    if (departmentIds) await setStaffDepartments(tx, id, departmentIds);
    const after = await readStaff(deps, tx, id);
    if (JSON.stringify(auditView(before)) !== JSON.stringify(auditView(after)))
      await recordAudit(tx, {
        actor: principal,
        action: 'staff.updated',
        object: { kind: 'staff', id },
        before: auditView(before),
        after: auditView(after),
      });
    return after;
  });
}
