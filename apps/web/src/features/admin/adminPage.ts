import type { Me, Role } from '@parley/contract';
import type { ComponentType } from 'react';

export type AdminPageProps = {
  me: Me;
  /** True for roles that may read the page but not change it: controls say why they're off. */
  readOnly: boolean;
};

export type AdminPage = {
  /** The last part of `/admin/<path>`. */
  path: string;
  label: string;
  component: ComponentType<AdminPageProps>;
  /** Who sees the page; everyone but admins sees it read-only. */
  roles: readonly Role[];
};

/** Every write in the Admin area is the admin's; supervisors may read some pages. */
export function isReadOnly(role: Role): boolean {
  return role !== 'admin';
}
