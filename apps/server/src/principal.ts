import type { Role, TokenScope } from '@parley/contract';
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
      /**
       * What an API token may do (http/route-policy.ts); undefined for a browser session. Optional
       * so principals built for system work and tests need not say; a token always sets it.
       */
      scopes?: readonly TokenScope[] | undefined;
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

/** Work no API token may do whatever its scopes (tokens, staff): a signed-in person must. */
export function requireBrowserSession(p: Principal): StaffPrincipal {
  const staff = requireStaff(p);
  if (staff.tokenId !== undefined || staff.scopes !== undefined)
    throw forbidden('An API token cannot do that; sign in to the desk.');
  return staff;
}
