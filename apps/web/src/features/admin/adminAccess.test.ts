import type { Role } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { adminRoles, canOpenAdmin } from './adminAccess.ts';
import { adminPagesFor } from './adminPages.ts';

describe('canOpenAdmin', () => {
  it('offers the Admin area exactly to the roles that have a page in it', () => {
    for (const role of ['agent', 'supervisor', 'admin'] satisfies Role[])
      expect(canOpenAdmin(role), role).toBe(adminPagesFor(role).length > 0);
    expect(adminRoles).not.toContain('agent');
  });
});
