import type { Role } from '@parley/contract';
import { adminPageLinks } from './adminAccess.ts';
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

/** Each page's component, by its path in adminAccess.ts: a new page is one file plus two lines. */
const components: Record<string, AdminPage['component']> = {
  departments: DepartmentsPage,
  channels: ChannelsPage,
  staff: StaffPage,
  tags: TagsPage,
  settings: SettingsPage,
  'business-hours': BusinessHoursPage,
  'auto-replies': AutoRepliesPage,
  tokens: TokensPage,
  webhooks: WebhooksPage,
  audit: AuditPage,
};

export const adminPages: readonly AdminPage[] = adminPageLinks.map((link) => {
  const component = components[link.path];
  if (!component) throw new Error(`The Admin page ${link.path} has no component.`);
  return { ...link, component };
});

export function adminPagesFor(role: Role): readonly AdminPage[] {
  return adminPages.filter((page) => page.roles.includes(role));
}
