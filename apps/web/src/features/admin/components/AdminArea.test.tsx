import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/http.ts';
import { adminPages } from '../adminPages.ts';
import { buildDepartment, buildSettings, renderAdmin } from './adminTestSetup.tsx';

function pageLinks() {
  const nav = screen.getByRole('navigation', { name: 'Admin pages' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

describe('AdminArea', () => {
  it('lists every page for an admin and opens the first one at /admin', async () => {
    renderAdmin('/admin', 'admin', [
      { path: '/api/admin/departments', reply: () => json({ items: [] }) },
    ]);

    await screen.findByRole('heading', { name: 'Departments' });
    expect(pageLinks()).toEqual(adminPages.map((page) => page.label));
    expect(window.location.pathname).toBe('/admin/departments');
    expect(screen.getByRole('link', { name: 'Departments' }).getAttribute('aria-current')).toBe(
      'page',
    );
  });

  it('offers a supervisor only the pages the server lets them read', async () => {
    renderAdmin('/admin/tokens', 'supervisor', [
      { path: '/api/admin/departments', reply: () => json({ items: [buildDepartment()] }) },
      { path: '/api/admin/settings', reply: () => json(buildSettings()) },
    ]);

    // A page they may not read sends them to the first one they may.
    await screen.findByRole('heading', { name: 'Departments' });
    expect(window.location.pathname).toBe('/admin/departments');
    expect(pageLinks()).toEqual([
      'Departments',
      'Channels',
      'Settings',
      'Business hours',
      'Auto-replies',
    ]);
  });

  it('sends an agent back to the desk', async () => {
    renderAdmin('/admin/settings', 'agent');

    await waitFor(() => expect(window.location.pathname).toBe('/live'));
    expect(screen.queryByRole('navigation', { name: 'Admin pages' })).toBeNull();
  });
});
