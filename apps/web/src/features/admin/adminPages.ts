import type { Role } from '@parley/contract';
import type { AdminPage } from './adminPage.ts';
import { AuditPage } from './components/AuditPage.tsx';
import { BusinessHoursPage } from './components/BusinessHoursPage.tsx';
import { AutoRepliesPage } from './components/AutoRepliesPage.tsx';
import { ChannelsPage } from './components/ChannelsPage.tsx';
import { DepartmentsPage } from './components/DepartmentsPage.tsx';
import { SettingsPage } from './components/SettingsPage.tsx';
import { StaffPage } from './components/StaffPage.tsx';
import { TagsPage } from './components/TagsPage.tsx';
import { TokensPage } from './components/TokensPage.tsx';
import { WebhooksPage } from './components/WebhooksPage.tsx';

/**
 * The Admin area's pages, in the order its navigation lists them. A new page is one component
 * file plus one line here. `roles` mirrors what the server lets each role read.
 */
export const adminPages: readonly AdminPage[] = [
  {
    path: 'departments',
    label: 'Departments',
    component: DepartmentsPage,
    roles: ['admin', 'supervisor'],
  },
  { path: 'channels', label: 'Channels', component: ChannelsPage, roles: ['admin', 'supervisor'] },
  { path: 'staff', label: 'Staff', component: StaffPage, roles: ['admin'] },
  { path: 'tags', label: 'Wrap-up tags', component: TagsPage, roles: ['admin'] },
  { path: 'settings', label: 'Settings', component: SettingsPage, roles: ['admin', 'supervisor'] },
  {
    path: 'business-hours',
    label: 'Business hours',
    component: BusinessHoursPage,
    roles: ['admin', 'supervisor'],
  },
  {
    path: 'auto-replies',
    label: 'Auto-replies',
    component: AutoRepliesPage,
    roles: ['admin', 'supervisor'],
  },
  { path: 'tokens', label: 'API tokens', component: TokensPage, roles: ['admin'] },
  { path: 'webhooks', label: 'Webhooks', component: WebhooksPage, roles: ['admin'] },
  { path: 'audit', label: 'Audit log', component: AuditPage, roles: ['admin'] },
];

export function adminPagesFor(role: Role): readonly AdminPage[] {
  return adminPages.filter((page) => page.roles.includes(role));
}
