import type { AdminDepartment, AdminStaff, Role, Settings } from '@parley/contract';
import { defaultSettings } from '@parley/contract';
import { buildMe } from '../../../test/fixtures.ts';
import { mockFetch } from '../../../test/http.ts';
import { renderWithClient } from '../../../test/render.tsx';
import { TooltipProvider } from '../../../ui/Tooltip.tsx';
import { AdminArea } from './AdminArea.tsx';

type Route = Parameters<typeof mockFetch>[0][number];

/** The Admin area at `path`, signed in with `role`, against a fake server answering `routes`. */
export function renderAdmin(path: string, role: Role, routes: Route[] = []) {
  window.history.replaceState(null, '', path);
  const http = mockFetch(routes);
  const me = buildMe({ id: `staff-${role}`, name: `Pat ${role}`, role });
  const view = renderWithClient(
    <TooltipProvider delayDuration={0}>
      <AdminArea me={me} />
    </TooltipProvider>,
  );
  return { ...view, ...http, me };
}

export function buildDepartment(overrides: Partial<AdminDepartment> = {}): AdminDepartment {
  return {
    id: 'dep-support',
    name: 'Support',
    archived: false,
    members: [{ id: 'staff-agent-1', name: 'Agent One', role: 'agent' }],
    channelCount: 1,
    ...overrides,
  };
}

export function buildSettings(overrides: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), ...overrides };
}

export function buildStaff(overrides: Partial<AdminStaff> = {}): AdminStaff {
  return {
    id: 'staff-agent-1',
    name: 'Agent One',
    email: 'agent1@example.com',
    role: 'admin',
    departments: [{ id: 'dep-support', name: 'Support' }],
    capacity: 5,
    status: { online: false, available: false, deactivated: false },
    lastSignInAt: null,
    ...overrides,
  };
}
