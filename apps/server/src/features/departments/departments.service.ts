import {
  type AdminDepartment,
  type DepartmentCreateBody,
  type DepartmentPatchBody,
  departmentNameProblem,
} from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { conflict, type FieldError, forbidden, notFound, unprocessable } from '../../errors.ts';
import { isSupervisor, type Principal, requireAdmin } from '../../principal.ts';
import { recordAudit } from '../audit/index.ts';
import {
  type DepartmentRow,
  findActiveStaffIds,
  findAllDepartments,
  findChannelsOfDepartment,
  findDepartment,
  findDepartmentNamedLike,
  findMembersOf,
  insertDepartment,
  lockDepartment,
  lockDepartmentNames,
  replaceDepartmentMembers,
  updateDepartmentRow,
} from './departments.repo.ts';

export type DepartmentDeps = { db: Db };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function toAdminDepartments(db: Db, rows: DepartmentRow[]): Promise<AdminDepartment[]> {
  const members = await findMembersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    archived: row.archivedAt !== null,
    members: members.get(row.id) ?? [],
    channelCount: row.channelCount,
  }));
}

async function readDepartment(db: Db, id: string): Promise<AdminDepartment | undefined> {
  const row = await findDepartment(db, id);
  return row && (await toAdminDepartments(db, [row]))[0];
}

/** What the audit log keeps of a department: the fields an admin changes. */
const auditView = (d: AdminDepartment) => ({
  name: d.name,
  archived: d.archived,
  members: d.members.map((m) => ({ id: m.id, name: m.name })),
});

/** A trimmed name that fits the rules and no other department has (ignoring case), or 422. */
async function checkName(tx: Db, raw: string, exceptId?: string): Promise<string> {
  const name = raw.trim();
  const problem = departmentNameProblem(name);
  if (problem)
    throw unprocessable('The department name is not valid.', [{ field: 'name', message: problem }]);
  const taken = await findDepartmentNamedLike(tx, name, exceptId);
  if (taken)
    throw unprocessable(`A department named "${taken.name}" already exists.`, [
      { field: 'name', message: 'already in use' },
    ]);
  return name;
}

/**
 * Every department with its active members and how many channels route to it. Supervisors may
 * read it too: they filter the supervisor desk and transfer chats by department.
 */
export async function listDepartments(
  deps: DepartmentDeps,
  principal: Principal,
): Promise<AdminDepartment[]> {
  if (!isSupervisor(principal)) throw forbidden('Only supervisors and admins see departments.');
  return toAdminDepartments(deps.db, await findAllDepartments(deps.db));
}

export async function createDepartment(
  deps: DepartmentDeps,
  principal: Principal,
  input: DepartmentCreateBody,
): Promise<AdminDepartment> {
  requireAdmin(principal);
  return deps.db.transaction(async (tx) => {
    await lockDepartmentNames(tx);
    const name = await checkName(tx, input.name);
    const id = await insertDepartment(tx, name);
    const created = (await readDepartment(tx, id))!;
    await recordAudit(tx, {
      actor: principal,
      action: 'department.created',
      object: { kind: 'department', id },
      before: null,
      after: auditView(created),
    });
    return created;
  });
}

/** Unique member ids that all name active staff, or 422 naming each one that does not. */
async function checkMembers(tx: Db, memberIds: string[]): Promise<string[]> {
  const ids = [...new Set(memberIds)];
  const active = await findActiveStaffIds(
    tx,
    ids.filter((id) => UUID.test(id)),
  );
  const errors: FieldError[] = memberIds.flatMap((id, i) =>
    active.has(id)
      ? []
      : [{ field: `memberIds.${i}`, message: 'no active staff member has this id' }],
  );
  if (errors.length > 0) throw unprocessable('Members must be active staff members.', errors);
  return ids;
}

function updateAction(before: AdminDepartment, after: AdminDepartment): string {
  const onlyArchiving =
    before.archived !== after.archived &&
    JSON.stringify(auditView({ ...before, archived: after.archived })) ===
      JSON.stringify(auditView(after));
  if (onlyArchiving) return after.archived ? 'department.archived' : 'department.restored';
  return 'department.updated';
}

/**
 * Renames, archives or restores a department and replaces its members. Archiving is refused
 * while a channel routes to it: its chats would have nowhere to go.
 */
export async function updateDepartment(
  deps: DepartmentDeps,
  principal: Principal,
  id: string,
  patch: DepartmentPatchBody,
): Promise<AdminDepartment> {
  requireAdmin(principal);
  if (!UUID.test(id)) throw notFound('No such department.');
  return deps.db.transaction(async (tx) => {
    if (patch.name !== undefined) await lockDepartmentNames(tx);
    if (!(await lockDepartment(tx, id))) throw notFound('No such department.');
    const before = (await readDepartment(tx, id))!;
    const name = patch.name === undefined ? undefined : await checkName(tx, patch.name, id);
    const memberIds =
      patch.memberIds === undefined ? undefined : await checkMembers(tx, patch.memberIds);
    if (patch.archived === true && !before.archived) {
      const routed = await findChannelsOfDepartment(tx, id);
      if (routed.length > 0)
        throw conflict(
          `Channels still route to this department: ${routed
            .map((c) => `${c.name} (${c.id})`)
            .join(', ')}. Route them to another department first.`,
        );
    }
    await updateDepartmentRow(tx, id, {
      ...(name !== undefined && name !== before.name ? { name } : {}),
      ...(patch.archived !== undefined && patch.archived !== before.archived
        ? { archivedAt: patch.archived ? new Date() : null }
        : {}),
    });
    if (memberIds) await replaceDepartmentMembers(tx, id, memberIds);
    const after = (await readDepartment(tx, id))!;
    if (JSON.stringify(auditView(before)) !== JSON.stringify(auditView(after)))
      await recordAudit(tx, {
        actor: principal,
        action: updateAction(before, after),
        object: { kind: 'department', id },
        before: auditView(before),
        after: auditView(after),
      });
    return after;
  });
}
