import type { Role } from '@parley/contract';

/**
 * Who the desk's navigation offers the Admin area to. Kept apart from the pages so the desk can
 * ask without loading the area's code; a test holds it to the pages' own roles.
 */
export const adminRoles: readonly Role[] = ['admin', 'supervisor'];

export function canOpenAdmin(role: Role): boolean {
  return adminRoles.includes(role);
}
