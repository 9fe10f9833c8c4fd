import type { AuditEvent } from '@parley/contract';
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
    before: { name: 'Support' },
    after: { name: 'Customer care' },
    at: '2030-01-02T09:00:00.000Z',
    ...overrides,
  };
}

describe('AuditPage', () => {
  it('shows changes newest first with before and after, loads more by cursor, and filters', async () => {
    renderAdmin('/admin/audit', 'admin', [
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
    ]);

    const table = await screen.findByRole('table');
    expect(within(table).getByText('Support').tagName).toBe('DEL');
    expect(within(table).getByText('Customer care').tagName).toBe('INS');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('tag.created')).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText("That's everything.")).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'settings' } });
    expect(await screen.findByText('No changes recorded yet.')).toBeTruthy();
  });
});
