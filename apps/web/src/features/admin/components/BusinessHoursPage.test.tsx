import type { BusinessHoursBody, DepartmentHours } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '../../../test/http.ts';
import { renderAdmin } from './adminTestSetup.tsx';

const nineToFive = [{ start: '09:00', end: '17:00' }];

function buildHours(overrides: Partial<DepartmentHours> = {}): DepartmentHours {
  return {
    departmentId: 'dep-support',
    departmentName: 'Support',
    timeZone: 'UTC',
    weekly: null,
    holidays: [],
    configured: false,
    openNow: true,
    nextChangeAt: null,
    ...overrides,
  };
}

const sales = buildHours({
  departmentId: 'dep-sales',
  departmentName: 'Sales',
  timeZone: 'Europe/London',
  configured: true,
  weekly: {
    mon: nineToFive,
    tue: nineToFive,
    wed: nineToFive,
    thu: nineToFive,
    fri: nineToFive,
    sat: [],
    sun: [],
  },
  holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
  openNow: false,
  nextChangeAt: '2099-01-05T09:00:00Z',
});

function hoursRoutes(onPut: (body: BusinessHoursBody) => Response) {
  return [
    { path: '/api/admin/business-hours', reply: () => json({ items: [buildHours(), sales] }) },
    {
      method: 'PUT',
      path: '/api/admin/business-hours',
      reply: async (request: Request) => onPut((await request.clone().json()) as BusinessHoursBody),
    },
  ];
}

async function openSheet(name: string) {
  fireEvent.click(await screen.findByRole('button', { name: `Edit hours of ${name}` }));
  return screen.findByRole('dialog', { name: `Hours of ${name}` });
}

describe('BusinessHoursPage', () => {
  it('lists each department with its state, week and zone', async () => {
    renderAdmin(
      '/admin/business-hours',
      'admin',
      hoursRoutes(() => json({})),
    );
    const support = await screen.findByRole('row', { name: /Support/ });
    expect(within(support).getByText('Always open')).toBeTruthy();
    expect(within(support).getByText('Not set')).toBeTruthy();
    const salesRow = screen.getByRole('row', { name: /Sales/ });
    expect(salesRow.textContent).toContain('Closed · opens 5 Jan 09:00');
    expect(within(salesRow).getByText('Mon–Fri')).toBeTruthy();
    expect(within(salesRow).getByText('09:00–17:00')).toBeTruthy();
    expect(within(salesRow).getByText('1 holiday')).toBeTruthy();
    expect(salesRow.textContent).toContain('Europe/London');
  });

  it('says no to overlapping ranges before saving, and focuses the field', async () => {
    const { requests } = renderAdmin(
      '/admin/business-hours',
      'admin',
      hoursRoutes(() => json({})),
    );
    const sheet = await openSheet('Sales');
    fireEvent.click(within(sheet).getByRole('button', { name: 'Add a range on Monday' }));
    const start = within(sheet).getByRole('textbox', { name: 'Monday range 2 opens' });
    fireEvent.change(start, { target: { value: '16:00' } });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Save hours' }));
    expect(await within(sheet).findByText('Overlaps 09:00–17:00 on the same day.')).toBeTruthy();
    expect(start.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(start));
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('copies Monday to the weekdays and saves the whole week', async () => {
    let saved: BusinessHoursBody | undefined;
    renderAdmin(
      '/admin/business-hours',
      'admin',
      hoursRoutes((body) => {
        saved = body;
        return json({ ...sales, ...body, configured: true });
      }),
    );
    const sheet = await openSheet('Support');
    expect((within(sheet).getByLabelText('Time zone') as HTMLSelectElement).value).not.toBe('');
    fireEvent.click(within(sheet).getByRole('switch', { name: 'Open around the clock' }));
    const mondayEnd = within(sheet).getByRole('textbox', { name: 'Monday range 1 closes' });
    fireEvent.change(mondayEnd, { target: { value: '1230' } });
    fireEvent.blur(mondayEnd);
    fireEvent.click(within(sheet).getByRole('button', { name: 'Copy Monday to weekdays' }));
    fireEvent.click(within(sheet).getByRole('button', { name: 'Remove Friday range 1' }));
    fireEvent.click(within(sheet).getByRole('button', { name: 'Add holiday' }));
    fireEvent.change(within(sheet).getByLabelText('Holiday 1 date'), {
      target: { value: '2026-12-25' },
    });
    fireEvent.change(within(sheet).getByLabelText('Holiday 1 name'), {
      target: { value: 'Christmas Day' },
    });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Save hours' }));
    await waitFor(() => expect(saved).toBeDefined());
    expect(saved!.weekly).toEqual({
      mon: [{ start: '09:00', end: '12:30' }],
      tue: [{ start: '09:00', end: '12:30' }],
      wed: [{ start: '09:00', end: '12:30' }],
      thu: [{ start: '09:00', end: '12:30' }],
      fri: [],
      sat: [],
      sun: [],
    });
    expect(saved!.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas Day' }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it("shows the server's 422 on the field it names", async () => {
    renderAdmin(
      '/admin/business-hours',
      'admin',
      hoursRoutes(() =>
        problem(422, 'Some of the business hours are not valid; nothing was saved.', {
          errors: [
            { field: 'timeZone', message: 'is not a time zone the time-zone database knows' },
          ],
        }),
      ),
    );
    const sheet = await openSheet('Sales');
    fireEvent.click(within(sheet).getByRole('button', { name: 'Save hours' }));
    expect(
      await within(sheet).findByText('Is not a time zone the time-zone database knows.'),
    ).toBeTruthy();
    expect(within(sheet).getByLabelText('Time zone').getAttribute('aria-invalid')).toBe('true');
  });

  it('lets a supervisor read the hours but not change them', async () => {
    renderAdmin(
      '/admin/business-hours',
      'supervisor',
      hoursRoutes(() => json({})),
    );
    const edit = await screen.findByRole('button', { name: 'Edit hours of Sales' });
    expect((edit as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/Only admins can change this/)).toBeTruthy();
  });
});
