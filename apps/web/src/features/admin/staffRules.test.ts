import { describe, expect, it } from 'vitest';
import { buildStaff } from './components/adminTestSetup.tsx';
import { sortStaff, staffLocks, staffStatus } from './staffRules.ts';
import { staffDraftProblems } from './staffDraft.ts';

const admin = buildStaff({ id: 'a', name: 'Ada', role: 'admin' });
const otherAdmin = buildStaff({ id: 'b', name: 'Bea', role: 'admin' });
const agent = buildStaff({ id: 'c', name: 'Cal', role: 'agent' });
const deactivatedAdmin = buildStaff({
  id: 'd',
  name: 'Dee',
  role: 'admin',
  status: { online: false, available: false, deactivated: true },
});

describe('staffLocks', () => {
  it('locks deactivating, the role and a reset on your own row', () => {
    const locks = staffLocks(admin, 'a', [admin, otherAdmin]);
    expect(locks.deactivate).toBe('You cannot deactivate yourself');
    expect(locks.role).toBe('You cannot change your own role');
    expect(locks.resetPassword).toBeDefined();
  });

  it('locks the last active admin only, counting deactivated admins as gone', () => {
    expect(staffLocks(admin, 'c', [admin, agent, deactivatedAdmin]).deactivate).toMatch(
      /^Ada is the last active admin/,
    );
    expect(staffLocks(admin, 'c', [admin, otherAdmin, agent])).toEqual({});
    // A deactivated admin may be demoted, and needs reactivating before a reset.
    expect(staffLocks(deactivatedAdmin, 'c', [admin, deactivatedAdmin])).toEqual({
      resetPassword: 'Reactivate the account before resetting its password',
    });
  });
});

describe('sortStaff', () => {
  it('sorts never-signed-in people as the oldest and breaks ties by name', () => {
    const early = buildStaff({ id: 'e', name: 'Eve', lastSignInAt: '2030-01-01T09:00:00.000Z' });
    const late = buildStaff({ id: 'f', name: 'Fay', lastSignInAt: '2030-01-02T09:00:00.000Z' });
    const never = buildStaff({ id: 'g', name: 'Gus', lastSignInAt: null });
    const sorted = sortStaff([late, never, early], { key: 'lastSignIn', direction: 'descending' });
    expect(sorted.map((s) => s.name)).toEqual(['Fay', 'Eve', 'Gus']);
    const byRole = sortStaff([agent, otherAdmin, admin], { key: 'role', direction: 'ascending' });
    expect(byRole.map((s) => s.name)).toEqual(['Ada', 'Bea', 'Cal']);
  });

  it('orders status as available, away, offline, deactivated', () => {
    const away = buildStaff({
      name: 'Away',
      status: { online: true, available: false, deactivated: false },
    });
    const on = buildStaff({
      name: 'On',
      status: { online: true, available: true, deactivated: false },
    });
    const sorted = sortStaff([deactivatedAdmin, agent, away, on], {
      key: 'status',
      direction: 'ascending',
    });
    expect(sorted.map(staffStatus)).toEqual(['available', 'away', 'offline', 'deactivated']);
  });
});

describe('staffDraftProblems', () => {
  const valid = {
    name: 'Nomsa',
    email: 'nomsa@example.com',
    role: 'agent' as const,
    capacity: '5',
  };

  it('accepts a valid draft and checks the email only when creating', () => {
    expect(staffDraftProblems(valid, { withEmail: true })).toEqual({});
    expect(staffDraftProblems({ ...valid, email: '' }, { withEmail: false })).toEqual({});
  });

  it('mirrors the server: names of 1–100 visible characters, capacity a whole 1–100', () => {
    const problems = (draft: Partial<typeof valid>) =>
      staffDraftProblems({ ...valid, ...draft }, { withEmail: true });
    expect(problems({ name: '   ' }).name).toBe('Give their name.');
    expect(problems({ name: 'x'.repeat(101) }).name).toBe('At most 100 characters.');
    expect(problems({ name: 'x'.repeat(100) }).name).toBeUndefined();
    expect(problems({ name: 'a\u202Eb' }).name).toMatch(/text-direction/);
    for (const capacity of ['0', '101', '2.5', '', 'five'])
      expect(problems({ capacity }).capacity).toBe('A whole number from 1 to 100.');
    for (const capacity of ['1', '100']) expect(problems({ capacity }).capacity).toBeUndefined();
    expect(problems({ email: 'nomsa@example' }).email).toMatch(/email address such as/);
  });
});
