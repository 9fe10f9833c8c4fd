import type { Role } from '@parley/contract';

/** An Admin page as the desk's navigation and the palette name it, without its code. */
export type AdminPageLink = {
  /** The last part of `/admin/<path>`. */
  path: string;
  label: string;
  /** Who sees the page; everyone but admins sees it read-only. */
  roles: readonly Role[];
};

/**
 * The Admin area's pages, in the order its navigation lists them; `roles` mirrors what the server
 * lets each role read. Kept apart from the pages' components (adminPages.ts) so the desk and the
 * palette can name them without loading the area's code.
 */
export const adminPageLinks: readonly AdminPageLink[] = [
  { path: 'departments', label: 'Departments', roles: ['admin', 'supervisor'] },
  { path: 'channels', label: 'Channels', roles: ['admin', 'supervisor'] },
  { path: 'staff', label: 'Staff', roles: ['admin'] },
  { path: 'tags', label: 'Wrap-up tags', roles: ['admin'] },
  { path: 'settings', label: 'Settings', roles: ['admin', 'supervisor'] },
  { path: 'business-hours', label: 'Business hours', roles: ['admin', 'supervisor'] },
  { path: 'auto-replies', label: 'Auto-replies', roles: ['admin', 'supervisor'] },
  { path: 'tokens', label: 'API tokens', roles: ['admin'] },
  { path: 'webhooks', label: 'Webhooks', roles: ['admin'] },
  { path: 'audit', label: 'Audit log', roles: ['admin'] },
];

export function adminPageLinksFor(role: Role): readonly AdminPageLink[] {
  return adminPageLinks.filter((page) => page.roles.includes(role));
}

/** Whether the desk's navigation offers the Admin area at all. */
export function canOpenAdmin(role: Role): boolean {
  return adminPageLinksFor(role).length > 0;
}
