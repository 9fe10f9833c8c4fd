import type { AdminDepartment } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildPresence } from '../../../test/fixtures.ts';
import { json, problem } from '../../../test/http.ts';
import { buildDepartment, renderAdmin } from './adminTestSetup.tsx';

const support = buildDepartment();
const sales = buildDepartment({ id: 'dep-sales', name: 'Sales', members: [], channelCount: 0 });
const agentTwo = buildPresence({ id: 'staff-agent-2', name: 'Agent Two' });
const agentOne = buildPresence({ id: 'staff-agent-1', name: 'Agent One' });

function departmentsRoute(items: AdminDepartment[]) {
  return { path: '/api/admin/departments', reply: () => json({ items }) };
}

describe('DepartmentsPage', () => {
  it('lists departments in a table and filters them by search', async () => {
    renderAdmin('/admin/departments', 'admin', [departmentsRoute([support, sales])]);

    const table = await screen.findByRole('table');
    expect(within(table).getByRole('rowheader', { name: 'Support' })).toBeTruthy();
    expect(within(table).getByRole('rowheader', { name: 'Sales' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Search departments'), { target: { value: 'one' } });
    expect(within(table).queryByRole('rowheader', { name: 'Sales' })).toBeNull();
    expect(within(table).getByRole('rowheader', { name: 'Support' })).toBeTruthy();
  });

  it('creates a department from the side sheet and shows a taken name beside the field', async () => {
    let attempts = 0;
    const { requests } = renderAdmin('/admin/departments', 'admin', [
      departmentsRoute([support]),
      {
        method: 'POST',
        path: '/api/admin/departments',
        reply: () =>
          ++attempts === 1
            ? problem(422, 'The name is taken.', {
                errors: [{ field: 'name', message: 'Another department is called that.' }],
              })
            : json(buildDepartment({ id: 'dep-vip', name: 'VIP', members: [] }), 201),
      },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'New department' }));
    const sheet = await screen.findByRole('dialog', { name: 'New department' });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Create department' }));
    expect(await within(sheet).findByText('Give the department a name.')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.change(within(sheet).getByLabelText('Name'), { target: { value: ' VIP ' } });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Create department' }));
    expect(await within(sheet).findByText('Another department is called that.')).toBeTruthy();
    expect(within(sheet).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(within(sheet).getByRole('button', { name: 'Create department' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('rowheader', { name: 'VIP' })).toBeTruthy();
    expect(await requests.filter((r) => r.method === 'POST')[1]?.json()).toEqual({ name: 'VIP' });
  });

  it('renames a department and replaces its members from the side sheet', async () => {
    const { requests } = renderAdmin('/admin/departments', 'admin', [
      departmentsRoute([support]),
      { path: '/api/staff', reply: () => json({ items: [agentOne, agentTwo] }) },
      {
        method: 'PATCH',
        path: '/api/admin/departments/dep-support',
        reply: () =>
          json(
            buildDepartment({
              name: 'Customer care',
              members: [{ id: agentTwo.id, name: agentTwo.name, role: 'agent' }],
            }),
          ),
      },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Edit Support' }));
    const sheet = await screen.findByRole('dialog', { name: 'Edit Support' });
    fireEvent.change(within(sheet).getByLabelText('Name'), { target: { value: 'Customer care' } });
    fireEvent.click(await within(sheet).findByRole('checkbox', { name: /Agent One/ }));
    fireEvent.click(within(sheet).getByRole('checkbox', { name: /Agent Two/ }));
    fireEvent.click(within(sheet).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('rowheader', { name: 'Customer care' })).toBeTruthy();
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(await patch?.json()).toEqual({ name: 'Customer care', memberIds: ['staff-agent-2'] });
  });

  it('asks before archiving and shows why the server refused inside the dialog', async () => {
    renderAdmin('/admin/departments', 'admin', [
      departmentsRoute([support]),
      {
        method: 'PATCH',
        path: '/api/admin/departments/dep-support',
        reply: () => problem(409, 'Channels still route to Support: move Demo WhatsApp first.'),
      },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Archive Support' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Archive Support?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Archive' }));

    expect(
      await within(dialog).findByText('Channels still route to Support: move Demo WhatsApp first.'),
    ).toBeTruthy();
    expect(screen.getByRole('alertdialog')).toBeTruthy();
  });

  it('shows a supervisor the table with every change disabled and says why', async () => {
    const { requests } = renderAdmin('/admin/departments', 'supervisor', [
      departmentsRoute([support]),
    ]);

    await screen.findByRole('rowheader', { name: 'Support' });
    for (const name of ['New department', 'Edit Support', 'Archive Support']) {
      expect(screen.getByRole('button', { name }).hasAttribute('disabled')).toBe(true);
    }
    expect(screen.getByText(/Only admins can change this/)).toBeTruthy();

    // The disabled button takes no focus; its wrapper does, and shows why.
    fireEvent.focus(screen.getByRole('button', { name: 'Edit Support' }).parentElement!);
    expect((await screen.findByRole('tooltip')).textContent).toContain(
      'Only admins can change this',
    );
    expect(requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('says what to do first when there are none, and offers a retry when loading fails', async () => {
    let fail = true;
    renderAdmin('/admin/departments', 'admin', [
      {
        path: '/api/admin/departments',
        reply: () => (fail ? problem(500, 'Boom') : json({ items: [] })),
      },
    ]);

    const retry = await screen.findByRole('button', { name: 'Retry' });
    fail = false;
    fireEvent.click(retry);
    expect(await screen.findByText('No departments yet.')).toBeTruthy();
  });
});
