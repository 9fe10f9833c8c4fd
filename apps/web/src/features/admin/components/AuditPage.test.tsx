import type { AdminStaff, AuditEvent } from '@parley/contract';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/http.ts';
import { renderAdmin } from './adminTestSetup.tsx';

function buildAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 'audit-1',
    actor: { id: 'staff-admin', name: 'Ada Admin', role: 'admin' },
    action: 'department.updated',
    object: { kind: 'department', id: 'dep-support' },
    before: { name: 'Support', archived: false },
    after: { name: 'Customer care', archived: false },
    at: '2030-01-02T09:00:00.000Z',
    ...overrides,
  };
}

const person = (id: string, name: string, deactivated = false): AdminStaff => ({
  id,
  name,
  email: `${id}@x`,
  role: 'agent',
  departments: [],
  capacity: 5,
  status: { online: false, available: false, deactivated },
  lastSignInAt: null,
});

const staffList = {
  path: '/api/admin/staff',
  reply: () =>
    json({ items: [person('staff-admin', 'Ada Admin'), person('staff-lee', 'Lee Leaver', true)] }),
};

describe('AuditPage', () => {
  it('reads each change as a sentence, with the raw key on hover and when opened', async () => {
    renderAdmin('/admin/audit', 'admin', [
      staffList,
      {
        path: '/api/admin/audit',
        reply: () =>
          json({
            items: [
              buildAuditEvent(),
              buildAuditEvent({
                id: 'audit-2',
                action: 'staff.updated',
                object: { kind: 'staff', id: 'staff-lee' },
                actor: {
                  id: 'staff-admin',
                  name: 'Ada Admin',
                  role: 'admin',
                  token: { id: 't1', name: 'Provisioning' },
                },
                before: { name: 'Lee Leaver', capacity: 5 },
                after: { name: 'Lee Leaver', capacity: 8 },
              }),
              buildAuditEvent({
                id: 'audit-3',
                action: 'staff.deactivated',
                object: { kind: 'staff', id: 'staff-lee' },
                actor: { kind: 'system', reason: 'operator command line' },
                before: { name: 'Lee Leaver', deactivated: false },
                after: { name: 'Lee Leaver', deactivated: true },
              }),
            ],
            nextCursor: null,
          }),
      },
    ]);

    const table = await screen.findByRole('table');
    const renamed = within(table).getByText('Ada Admin renamed department Support → Customer care');
    expect(renamed.closest('summary')?.getAttribute('title')).toBe('department.updated');
    expect(within(table).getByText('Ada Admin changed Lee Leaver')).toBeTruthy();
    expect(within(table).getByText('changed capacity 5 → 8').getAttribute('title')).toBe(
      'capacity',
    );
    expect(within(table).getByText(/with the token “Provisioning”/)).toBeTruthy();
    expect(within(table).getByText('The command line deactivated Lee Leaver')).toBeTruthy();
    // The raw key is folded away in the reading view, until the entry is opened.
    const raw = within(table).getByText('staff.deactivated');
    expect(raw.tagName).toBe('CODE');
    const entry = raw.closest('details')!;
    expect(entry.open).toBe(false);
    fireEvent.click(within(table).getByText('The command line deactivated Lee Leaver'));
    expect(entry.open).toBe(true);
  });

  it('loads more by cursor and filters by kind of object and by who did it', async () => {
    const { requests } = renderAdmin('/admin/audit', 'admin', [
      staffList,
      {
        path: '/api/admin/audit',
        reply: () => json({ items: [buildAuditEvent()], nextCursor: 'c1' }),
      },
      {
        path: '/api/admin/audit?cursor=c1',
        reply: () =>
          json({
            items: [
              buildAuditEvent({
                id: 'audit-0',
                action: 'tag.created',
                object: { kind: 'tag', id: 'tag-1' },
                before: null,
                after: { id: 'tag-1', name: 'Refund' },
              }),
            ],
            nextCursor: null,
          }),
      },
      {
        path: '/api/admin/audit?objectKind=settings',
        reply: () => json({ items: [], nextCursor: null }),
      },
      {
        path: '/api/admin/audit?objectKind=settings&actor=staff-lee',
        reply: () =>
          json({
            items: [
              buildAuditEvent({
                id: 'audit-9',
                actor: { id: 'staff-lee', name: 'Lee Leaver', role: 'agent' },
                action: 'settings.updated',
                object: { kind: 'settings', id: 'settings' },
                before: { transferOfferMinutes: 2 },
                after: { transferOfferMinutes: 5 },
              }),
            ],
            nextCursor: null,
          }),
      },
    ]);

    const table = await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('Ada Admin created wrap-up tag “Refund”')).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText("That's everything.")).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'settings' } });
    expect(await screen.findByText('No changes recorded yet.')).toBeTruthy();
    expect(screen.getByText(/Nothing matches these filters/)).toBeTruthy();

    // Deactivated people stay in the filter: what they did is still in the log.
    const who = screen.getByLabelText('Done by');
    expect(within(who).getByRole('option', { name: 'Lee Leaver (deactivated)' })).toBeTruthy();
    fireEvent.change(who, { target: { value: 'staff-lee' } });
    expect(await screen.findByText('Lee Leaver changed the settings')).toBeTruthy();
    expect(screen.getByText('changed transfer offer minutes 2 → 5')).toBeTruthy();
    expect(requests.some((r) => r.url.includes('actor=staff-lee'))).toBe(true);
  });

  it('says that admin-token use is recorded at most once an hour per token', async () => {
    renderAdmin('/admin/audit', 'admin', [
      staffList,
      { path: '/api/admin/audit', reply: () => json({ items: [], nextCursor: null }) },
    ]);
    expect(await screen.findByText(/at most once an hour per token/)).toBeTruthy();
  });
});
