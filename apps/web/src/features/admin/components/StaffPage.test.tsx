import type { AdminStaff, SetPasswordLink } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '../../../test/http.ts';
import { buildDepartment, buildStaff, renderAdmin } from './adminTestSetup.tsx';

// renderAdmin signs in as `staff-admin`, "Pat admin".
const self = buildStaff({ id: 'staff-admin', name: 'Pat admin', email: 'pat@example.com' });
const otherAdmin = buildStaff({ id: 'staff-ada', name: 'Ada Adams', role: 'admin' });
const agent = buildStaff({
  id: 'staff-lerato',
  name: 'Lerato Mokoena',
  email: 'lerato@example.com',
  role: 'agent',
  capacity: 3,
  status: { online: true, available: true, deactivated: false },
  lastSignInAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
});
const gone = buildStaff({
  id: 'staff-johan',
  name: 'Johan Botha',
  role: 'agent',
  capacity: 8,
  departments: [],
  status: { online: false, available: false, deactivated: true },
});
const link: SetPasswordLink = {
  setPasswordUrl: 'http://localhost/set-password/tok-123',
  expiresAt: new Date(Date.now() + 72 * 3_600_000).toISOString(),
};

function staffRoute(items: AdminStaff[], q = '') {
  const search = q ? `?${new URLSearchParams({ q }).toString()}` : '';
  return { path: `/api/admin/staff${search}`, reply: () => json({ items }) };
}
const departmentsRoute = {
  path: '/api/admin/departments',
  reply: () =>
    json({
      items: [
        buildDepartment(),
        buildDepartment({ id: 'dep-old', name: 'Old team', archived: true, members: [] }),
      ],
    }),
};

const rowOf = (name: string) =>
  screen.getByRole('rowheader', { name: new RegExp(name) }).closest('tr')!;
const names = () =>
  screen
    .getAllByRole('rowheader')
    .map((cell) => cell.querySelector('.admin-table__name')?.textContent);

describe('StaffPage', () => {
  it('lists role, departments, capacity, status and last sign-in', async () => {
    renderAdmin('/admin/staff', 'admin', [staffRoute([self, agent, gone])]);

    const row = within(await screen.findByRole('row', { name: /Lerato Mokoena/ }));
    expect(row.getByText('Agent')).toBeTruthy();
    expect(row.getAllByText('Support').length).toBeGreaterThan(0);
    expect(row.getByText('3')).toBeTruthy();
    expect(row.getByText('Available')).toBeTruthy();
    // Relative in the cell; the exact time is in the name, for keyboard and screen readers.
    expect(row.getByText('3 h')).toBeTruthy();
    expect(row.getByRole('button', { name: /3 hours ago, / }).getAttribute('aria-label')).toMatch(
      /\d{4}/,
    );
    expect(within(rowOf('Johan Botha')).getByText('Deactivated')).toBeTruthy();
    expect(within(rowOf('Pat admin')).getByText('Never')).toBeTruthy();
  });

  it('sorts by a column, and the other way on a second click', async () => {
    renderAdmin('/admin/staff', 'admin', [staffRoute([self, agent, gone])]);
    await screen.findByRole('rowheader', { name: /Lerato Mokoena/ });
    expect(names()).toEqual(['Johan Botha', 'Lerato Mokoena', 'Pat admin']);
    fireEvent.click(screen.getByRole('button', { name: /Capacity/ }));
    expect(names()).toEqual(['Lerato Mokoena', 'Pat admin', 'Johan Botha']);
    expect(screen.getByRole('columnheader', { name: /Capacity/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    fireEvent.click(screen.getByRole('button', { name: /Capacity/ }));
    expect(names()).toEqual(['Johan Botha', 'Pat admin', 'Lerato Mokoena']);
    fireEvent.click(screen.getByRole('button', { name: /Status/ }));
    expect(names()).toEqual(['Lerato Mokoena', 'Pat admin', 'Johan Botha']);
  });

  it('asks the server to search by name or email', async () => {
    const { requests } = renderAdmin('/admin/staff', 'admin', [
      staffRoute([self, agent, gone]),
      staffRoute([agent], 'lera'),
      staffRoute([], 'nobody'),
    ]);
    fireEvent.change(await screen.findByLabelText('Search staff'), { target: { value: 'lera' } });
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /Pat admin/ })).toBeNull());
    expect(screen.getByRole('rowheader', { name: /Lerato Mokoena/ })).toBeTruthy();
    expect(screen.getByText('1 of 3')).toBeTruthy();
    expect(requests.some((r) => r.url.endsWith('/api/admin/staff?q=lera'))).toBe(true);

    fireEvent.change(screen.getByLabelText('Search staff'), { target: { value: 'nobody' } });
    expect(await screen.findByText('Nobody’s name or email matches “nobody”.')).toBeTruthy();
  });

  it('disables deactivating yourself and changing your own role, and says why', async () => {
    renderAdmin('/admin/staff', 'admin', [staffRoute([self, otherAdmin, agent]), departmentsRoute]);

    const own = await screen.findByRole('button', { name: 'Deactivate Pat admin' });
    expect(own.hasAttribute('disabled')).toBe(true);
    fireEvent.focus(own.parentElement!);
    expect((await screen.findByRole('tooltip')).textContent).toContain(
      'You cannot deactivate yourself',
    );
    // Another admin exists, so Ada is not the last one.
    expect(
      screen.getByRole('button', { name: 'Deactivate Ada Adams' }).hasAttribute('disabled'),
    ).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Edit Pat admin' }));
    const sheet = await screen.findByRole('dialog', { name: 'Edit Pat admin' });
    expect((within(sheet).getByLabelText('Role') as HTMLSelectElement).disabled).toBe(true);
    expect(within(sheet).getByText('You cannot change your own role.')).toBeTruthy();
    expect(
      within(sheet).getByRole('button', { name: 'Reset password…' }).hasAttribute('disabled'),
    ).toBe(true);
  });

  it('disables deactivating and demoting the last active admin, and says why', async () => {
    // Pat is signed in as an admin but the list says otherwise: only Ada is an active admin.
    const demoted = { ...self, role: 'supervisor' as const };
    const exAdmin = buildStaff({
      id: 'staff-ex',
      name: 'Ex Admin',
      role: 'admin',
      status: { online: false, available: false, deactivated: true },
    });
    renderAdmin('/admin/staff', 'admin', [
      staffRoute([demoted, otherAdmin, exAdmin, agent]),
      departmentsRoute,
    ]);

    const last = await screen.findByRole('button', { name: 'Deactivate Ada Adams' });
    expect(last.hasAttribute('disabled')).toBe(true);
    fireEvent.focus(last.parentElement!);
    expect((await screen.findByRole('tooltip')).textContent).toContain(
      'Ada Adams is the last active admin',
    );
    expect(
      screen.getByRole('button', { name: 'Deactivate Lerato Mokoena' }).hasAttribute('disabled'),
    ).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Edit Ada Adams' }));
    const sheet = await screen.findByRole('dialog', { name: 'Edit Ada Adams' });
    expect((within(sheet).getByLabelText('Role') as HTMLSelectElement).disabled).toBe(true);
  });

  it('creates a staff member with inline validation, then shows the set-password link once', async () => {
    let attempts = 0;
    const { requests } = renderAdmin('/admin/staff', 'admin', [
      staffRoute([self]),
      departmentsRoute,
      {
        method: 'POST',
        path: '/api/admin/staff',
        reply: () =>
          ++attempts === 1
            ? problem(422, 'The staff member is not valid.', {
                errors: [{ field: 'email', message: 'already in use' }],
              })
            : json({ ...agent, setPasswordLink: { ...link, mailedTo: 'lerato@example.com' } }, 201),
      },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'New staff member' }));
    const sheet = await screen.findByRole('dialog', { name: 'New staff member' });
    // Archived departments take no one new.
    expect(await within(sheet).findByRole('checkbox', { name: 'Support' })).toBeTruthy();
    expect(within(sheet).queryByRole('checkbox', { name: /Old team/ })).toBeNull();

    fireEvent.change(within(sheet).getByLabelText('Capacity'), { target: { value: '101' } });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Create staff member' }));
    expect(within(sheet).getByText('Give their name.')).toBeTruthy();
    expect(within(sheet).getByText('Enter the email address they will sign in with.')).toBeTruthy();
    expect(within(sheet).getByText('A whole number from 1 to 100.')).toBeTruthy();
    expect(within(sheet).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.change(within(sheet).getByLabelText('Name'), {
      target: { value: ' Lerato Mokoena ' },
    });
    fireEvent.change(within(sheet).getByLabelText('Email'), { target: { value: 'not-an-email' } });
    fireEvent.change(within(sheet).getByLabelText('Capacity'), { target: { value: '3' } });
    expect(
      within(sheet).getByText('Enter an email address such as name@example.com.'),
    ).toBeTruthy();
    fireEvent.change(within(sheet).getByLabelText('Email'), {
      target: { value: 'lerato@example.com' },
    });
    fireEvent.click(within(sheet).getByRole('checkbox', { name: 'Support' }));
    fireEvent.click(within(sheet).getByRole('button', { name: 'Create staff member' }));
    expect(await within(sheet).findByText('Already in use.')).toBeTruthy();
    expect(within(sheet).getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(within(sheet).getByRole('button', { name: 'Create staff member' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Lerato Mokoena can now set a password',
    });
    expect((within(dialog).getByLabelText('Set-password link') as HTMLInputElement).value).toBe(
      link.setPasswordUrl,
    );
    expect(within(dialog).getByText(/Valid 72 hours, usable once/)).toBeTruthy();
    expect(within(dialog).getByText(/Also sent to lerato@example.com\./)).toBeTruthy();
    expect(within(dialog).getByText(/You won't see this link again/)).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Copy' })).toBeTruthy();
    expect(await requests.filter((r) => r.method === 'POST')[1]?.json()).toEqual({
      name: 'Lerato Mokoena',
      email: 'lerato@example.com',
      role: 'agent',
      departmentIds: ['dep-support'],
      capacity: 3,
    });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.body.textContent).not.toContain('tok-123');
  });

  it('sends only what changed from the edit sheet', async () => {
    let lerato = agent;
    const { requests } = renderAdmin('/admin/staff', 'admin', [
      { path: '/api/admin/staff', reply: () => json({ items: [self, lerato] }) },
      departmentsRoute,
      {
        method: 'PATCH',
        path: '/api/admin/staff/staff-lerato',
        reply: () => {
          lerato = { ...agent, role: 'supervisor', departments: [] };
          return json(lerato);
        },
      },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Edit Lerato Mokoena' }));
    const sheet = await screen.findByRole('dialog', { name: 'Edit Lerato Mokoena' });
    fireEvent.change(within(sheet).getByLabelText('Role'), { target: { value: 'supervisor' } });
    fireEvent.click(await within(sheet).findByRole('checkbox', { name: 'Support' }));
    fireEvent.click(within(sheet).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await requests.find((r) => r.method === 'PATCH')?.json()).toEqual({
      role: 'supervisor',
      departmentIds: [],
    });
    expect(within(rowOf('Lerato Mokoena')).getByText('Supervisor')).toBeTruthy();
  });

  it('asks before deactivating, saying what happens, and shows a refusal inside the dialog', async () => {
    let refuse = true;
    let lerato = agent;
    const { requests } = renderAdmin('/admin/staff', 'admin', [
      { path: '/api/admin/staff', reply: () => json({ items: [self, lerato] }) },
      {
        method: 'POST',
        path: '/api/admin/staff/staff-lerato/deactivate',
        reply: () => {
          if (refuse) return problem(409, 'Lerato Mokoena is the last active admin.');
          lerato = { ...agent, status: { online: false, available: false, deactivated: true } };
          return json(lerato);
        },
      },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Deactivate Lerato Mokoena' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Deactivate Lerato Mokoena?' });
    expect(within(dialog).getByText(/signed out everywhere/)).toBeTruthy();
    expect(within(dialog).getByText(/live chats go back to the queue/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect(
      await within(dialog).findByText('Lerato Mokoena is the last active admin.'),
    ).toBeTruthy();

    refuse = false;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(within(rowOf('Lerato Mokoena')).getByText('Deactivated')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reactivate Lerato Mokoena' })).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('reactivates a deactivated account at once', async () => {
    let johan = gone;
    const { requests } = renderAdmin('/admin/staff', 'admin', [
      { path: '/api/admin/staff', reply: () => json({ items: [self, johan] }) },
      {
        method: 'POST',
        path: '/api/admin/staff/staff-johan/reactivate',
        reply: () => {
          johan = { ...gone, status: { online: false, available: false, deactivated: false } };
          return json(johan);
        },
      },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Reactivate Johan Botha' }));
    expect(await screen.findByRole('button', { name: 'Deactivate Johan Botha' })).toBeTruthy();
    expect(within(rowOf('Johan Botha')).getByText('Offline')).toBeTruthy();
    expect(requests.some((r) => r.url.endsWith('/staff-johan/reactivate'))).toBe(true);
  });

  it('resets a password after asking, then shows the new link once', async () => {
    renderAdmin('/admin/staff', 'admin', [
      staffRoute([self, agent, gone]),
      departmentsRoute,
      {
        method: 'POST',
        path: '/api/admin/staff/staff-lerato/reset-password',
        reply: () => json(link),
      },
    ]);

    // A deactivated account cannot be reset: it would be refused.
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Johan Botha' }));
    let sheet = await screen.findByRole('dialog', { name: 'Edit Johan Botha' });
    const blocked = within(sheet).getByRole('button', { name: 'Reset password…' });
    expect(blocked.hasAttribute('disabled')).toBe(true);
    fireEvent.focus(blocked.parentElement!);
    expect((await screen.findByRole('tooltip')).textContent).toContain('Reactivate the account');
    fireEvent.click(within(sheet).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Edit Lerato Mokoena' }));
    sheet = await screen.findByRole('dialog', { name: 'Edit Lerato Mokoena' });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Reset password…' }));
    const confirm = await screen.findByRole('alertdialog', {
      name: 'Reset the password of Lerato Mokoena?',
    });
    expect(within(confirm).getByText(/signed out everywhere/)).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Reset password' }));

    const dialog = await screen.findByRole('dialog', {
      name: 'New set-password link for Lerato Mokoena',
    });
    expect((within(dialog).getByLabelText('Set-password link') as HTMLInputElement).value).toBe(
      link.setPasswordUrl,
    );
    expect(within(dialog).queryByText(/Also sent to/)).toBeNull();
  });

  it('offers a retry when loading fails', async () => {
    let fail = true;
    renderAdmin('/admin/staff', 'admin', [
      {
        path: '/api/admin/staff',
        reply: () => (fail ? problem(500, 'Boom') : json({ items: [self] })),
      },
    ]);

    expect(await screen.findByText("Couldn't load the staff.")).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('rowheader', { name: /Pat admin/ })).toBeTruthy();
  });

  it('says what to do first when there is nobody', async () => {
    renderAdmin('/admin/staff', 'admin', [staffRoute([])]);
    expect(await screen.findByText('No staff yet.')).toBeTruthy();
    expect(screen.getByText(/Create a staff member, then send them the link/)).toBeTruthy();
  });
});
