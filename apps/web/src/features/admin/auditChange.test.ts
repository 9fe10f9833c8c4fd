import { describe, expect, it } from 'vitest';
import { describeChange } from './auditChange.ts';

describe('describeChange', () => {
  it('shows only the fields that changed, ignoring ids', () => {
    expect(
      describeChange(
        { id: 'd1', name: 'Support', archived: false },
        { id: 'd1', name: 'Sales', archived: false },
      ),
    ).toEqual([{ field: 'name', before: 'Support', after: 'Sales' }]);
  });

  it('lists a created object with no before, and members by name', () => {
    expect(
      describeChange(null, { id: 'd1', name: 'VIP', members: [{ id: 's1', name: 'Sam' }] }),
    ).toEqual([
      { field: 'name', before: null, after: 'VIP' },
      { field: 'members', before: null, after: 'Sam' },
    ]);
  });

  it('lists a deleted object with no after, and booleans as words', () => {
    expect(describeChange({ name: 'Refund', archived: true }, null)).toEqual([
      { field: 'name', before: 'Refund', after: null },
      { field: 'archived', before: 'yes', after: null },
    ]);
  });
});
