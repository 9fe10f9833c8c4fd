import type { Role } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { canOpenAdmin } from './adminAccess.ts';
import { adminPages, adminPagesFor } from './adminPages.ts';

describe('the Admin area without its code', () => {
  it('offers the Admin area exactly to the roles that have a page in it', () => {
    for (const role of ['agent', 'supervisor', 'admin'] satisfies Role[])
      expect(canOpenAdmin(role), role).toBe(adminPagesFor(role).length > 0);
    expect(canOpenAdmin('agent')).toBe(false);
  });

  it('gives every named page its component', () => {
    for (const page of adminPages) expect(page.component, page.path).toBeTypeOf('function');
  });
});
