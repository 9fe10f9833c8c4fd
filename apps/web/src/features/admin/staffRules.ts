import type { AdminStaff, Role } from '@parley/contract';

/**
 * What the Staff page refuses before the server would (409), and why, so a control can be
 * disabled with its reason instead of failing after a click.
 */
export type StaffLocks = {
  deactivate?: string;
  role?: string;
  resetPassword?: string;
};

export const isActiveAdmin = (person: AdminStaff) =>
  person.role === 'admin' && !person.status.deactivated;

/**
 * `everyone` must be the whole staff list, not a search result: whether someone is the last
 * active admin depends on people the search may have hidden.
 */
export function staffLocks(person: AdminStaff, meId: string, everyone: AdminStaff[]): StaffLocks {
  const locks: StaffLocks = {};
  const lastAdmin =
    isActiveAdmin(person) && everyone.filter(isActiveAdmin).every((s) => s.id === person.id);
  if (person.id === meId) {
    locks.deactivate = 'You cannot deactivate yourself';
    locks.role = 'You cannot change your own role';
    // The reset ends every session of theirs: this page would sign out before the link shows.
    locks.resetPassword = 'Resetting your own password would sign you out here';
  } else if (lastAdmin) {
    const reason = `${person.name} is the last active admin: make someone else an admin first`;
    locks.deactivate = reason;
    locks.role = reason;
  }
  if (person.status.deactivated)
    locks.resetPassword = 'Reactivate the account before resetting its password';
  return locks;
}

export type StaffStatus = 'available' | 'away' | 'offline' | 'deactivated';

/** One word for the status column, in the Team list's vocabulary. */
export function staffStatus(person: AdminStaff): StaffStatus {
  if (person.status.deactivated) return 'deactivated';
  if (!person.status.online) return 'offline';
  return person.status.available ? 'available' : 'away';
}

export const roleLabels: Record<Role, string> = {
  admin: 'Admin',
  supervisor: 'Supervisor',
  agent: 'Agent',
};

export type StaffSortKey = 'name' | 'role' | 'capacity' | 'status' | 'lastSignIn';
export type StaffSort = { key: StaffSortKey; direction: 'ascending' | 'descending' };

const roleOrder: Record<Role, number> = { admin: 0, supervisor: 1, agent: 2 };
const statusOrder: Record<StaffStatus, number> = {
  available: 0,
  away: 1,
  offline: 2,
  deactivated: 3,
};

const byName = (a: AdminStaff, b: AdminStaff) => a.name.localeCompare(b.name);

const compare: Record<StaffSortKey, (a: AdminStaff, b: AdminStaff) => number> = {
  name: byName,
  role: (a, b) => roleOrder[a.role] - roleOrder[b.role],
  capacity: (a, b) => a.capacity - b.capacity,
  status: (a, b) => statusOrder[staffStatus(a)] - statusOrder[staffStatus(b)],
  // Never signed in sorts as the oldest.
  lastSignIn: (a, b) =>
    (a.lastSignInAt ? Date.parse(a.lastSignInAt) : 0) -
    (b.lastSignInAt ? Date.parse(b.lastSignInAt) : 0),
};

/** A sorted copy; ties fall back to the name, so the order never jumps between renders. */
export function sortStaff(list: readonly AdminStaff[], sort: StaffSort): AdminStaff[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...list].sort((a, b) => sign * compare[sort.key](a, b) || byName(a, b));
}
