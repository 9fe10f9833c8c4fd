import type { Role } from '@parley/contract';
import { forbidden } from './errors.ts';

/** Who is acting. Every service function takes one and checks it before touching data. */
export type Principal =
  | {
      kind: 'staff';
      staffId: string;
      role: Role;
      departmentIds: string[];
      /** Set for a browser session; undefined for an API token. */
      sessionId: string | undefined;
      tokenId: string | undefined;
    }
  | { kind: 'system'; reason: string };

export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

export const systemPrincipal = (reason: string): Principal => ({ kind: 'system', reason });

export function isAdmin(p: Principal): boolean {
  return p.kind === 'system' || p.role === 'admin';
}

export function isSupervisor(p: Principal): boolean {
  return p.kind === 'system' || p.role === 'admin' || p.role === 'supervisor';
}

export function requireStaff(p: Principal): StaffPrincipal {
  if (p.kind !== 'staff') throw forbidden('This action needs a staff member.');
  return p;
}

export function requireAdmin(p: Principal): void {
  if (!isAdmin(p)) throw forbidden('Only an admin may do that.');
}
