import type { ApiToken } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/http.ts';
import { renderAdmin } from './adminTestSetup.tsx';

const crm: ApiToken = {
  id: 'tok-1',
  name: 'CRM sync',
  scopes: ['read', 'customers:write'],
  createdAt: '2030-01-01T09:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
};

describe('TokensPage', () => {
  it('lists tokens with their scopes, expiry and last use', async () => {
    renderAdmin('/admin/tokens', 'admin', [
      { path: '/api/admin/tokens', reply: () => json({ items: [crm] }) },
    ]);

    const row = (await screen.findByRole('rowheader', { name: 'CRM sync' })).closest('tr')!;
    expect(within(row).getByText('customers:write')).toBeTruthy();
    expect(within(row).getAllByText('Never')).toHaveLength(2);
  });

  it('creates a token in the side sheet and shows its secret once', async () => {
    const { requests } = renderAdmin('/admin/tokens', 'admin', [
      { path: '/api/admin/tokens', reply: () => json({ items: [] }) },
      {
        method: 'POST',
        path: '/api/admin/tokens',
        reply: () =>
          json(
            {
              ...crm,
              id: 'tok-2',
              name: 'Reports',
              scopes: ['read'],
              token: 'prl_secret_123',
            },
            201,
          ),
      },
    ]);

    expect(await screen.findByText('No API tokens.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New token' }));
    const sheet = await screen.findByRole('dialog', { name: 'New API token' });
    fireEvent.change(within(sheet).getByLabelText('Name'), { target: { value: 'Reports' } });
    fireEvent.change(within(sheet).getByLabelText('Expires after'), {
      target: { value: 'never' },
    });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Create token' }));

    const secret = await screen.findByRole('dialog', { name: 'Copy the token for “Reports”' });
    expect((within(secret).getByLabelText('New API token') as HTMLInputElement).value).toBe(
      'prl_secret_123',
    );
    expect(within(secret).getByText(/You won't see this again/)).toBeTruthy();
    expect(within(secret).getByRole('button', { name: 'Copy' })).toBeTruthy();
    expect(await requests.find((r) => r.method === 'POST')?.json()).toEqual({
      name: 'Reports',
      scopes: ['read'],
      expiresAt: null,
    });

    fireEvent.click(within(secret).getByRole('button', { name: "I've stored it" }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('rowheader', { name: 'Reports' })).toBeTruthy();
    expect(document.body.textContent).not.toContain('prl_secret_123');
  });

  it('revokes a token after asking', async () => {
    const { requests } = renderAdmin('/admin/tokens', 'admin', [
      { path: '/api/admin/tokens', reply: () => json({ items: [crm] }) },
      {
        method: 'DELETE',
        path: '/api/admin/tokens/tok-1',
        reply: () => new Response(null, { status: 204 }),
      },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Revoke CRM sync' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Revoke “CRM sync”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));

    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'CRM sync' })).toBeNull());
    expect(requests.some((r) => r.method === 'DELETE')).toBe(true);
  });
});
