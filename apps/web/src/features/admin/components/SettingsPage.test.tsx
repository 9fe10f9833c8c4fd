import type { Settings } from '@parley/contract';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '../../../test/http.ts';
import { buildSettings, renderAdmin } from './adminTestSetup.tsx';

function settingsRoutes(onPut: (body: Partial<Settings>) => Response) {
  let saved = buildSettings();
  return [
    { path: '/api/admin/settings', reply: () => json(saved) },
    {
      method: 'PUT',
      path: '/api/admin/settings',
      reply: async (request: Request) => {
        const body = (await request.clone().json()) as Partial<Settings>;
        const answer = onPut(body);
        if (answer.ok) saved = { ...saved, ...body };
        return answer.ok ? json(saved) : answer;
      },
    },
  ];
}

const save = () => screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement;

describe('SettingsPage', () => {
  it('shows each field with its unit and range, and saves only what changed', async () => {
    const { requests } = renderAdmin(
      '/admin/settings',
      'admin',
      settingsRoutes(() => json({})),
    );

    const field = (await screen.findByLabelText('Agent reply timeout')) as HTMLInputElement;
    expect(field.value).toBe('30');
    expect(screen.getByText(/10–1440 minutes · default 30/)).toBeTruthy();
    expect(save().disabled).toBe(true);

    fireEvent.change(field, { target: { value: '45' } });
    expect(save().disabled).toBe(false);
    expect(screen.getByText('1 unsaved change')).toBeTruthy();
    fireEvent.click(save());

    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(save().disabled).toBe(true);
    const put = requests.find((r) => r.method === 'PUT');
    expect(await put?.json()).toEqual({ agentReplyTimeoutMinutes: 45 });
  });

  it('checks the contract ranges before submitting', async () => {
    const { requests } = renderAdmin(
      '/admin/settings',
      'admin',
      settingsRoutes(() => json({})),
    );

    const close = await screen.findByLabelText('Close after customer silence');
    fireEvent.change(close, { target: { value: '2' } });
    expect(screen.getByText('Must be a whole number from 5 to 1440.')).toBeTruthy();
    expect(close.getAttribute('aria-invalid')).toBe('true');

    // In range, but no longer after the warning (5): the field just edited is the one blamed.
    fireEvent.change(close, { target: { value: '5' } });
    expect(
      screen.getByText('Must be more than customerInactivityWarningMinutes (5).'),
    ).toBeTruthy();
    fireEvent.click(save());
    await waitFor(() => expect(document.activeElement).toBe(close));
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it("shows the server's 422 field errors beside their fields", async () => {
    renderAdmin(
      '/admin/settings',
      'admin',
      settingsRoutes(() =>
        problem(422, 'Some settings are out of range.', {
          errors: [
            { field: 'maxAttachmentMegabytes', message: 'must be a whole number from 1 to 25' },
          ],
        }),
      ),
    );

    const field = await screen.findByLabelText('Largest attachment');
    fireEvent.change(field, { target: { value: '50' } });
    fireEvent.click(save());

    const error = await screen.findByText('Must be a whole number from 1 to 25.');
    expect(field.getAttribute('aria-describedby')).toContain(error.id);
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('lets a supervisor read the settings but not change them', async () => {
    renderAdmin(
      '/admin/settings',
      'supervisor',
      settingsRoutes(() => json({})),
    );

    const field = (await screen.findByLabelText('Agent reply timeout')) as HTMLInputElement;
    expect(field.disabled).toBe(true);
    expect(
      (screen.getByRole('switch', { name: /Ticket at once/ }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(save().disabled).toBe(true);
    expect(screen.getByText('You can read this page. Only admins can change this.')).toBeTruthy();
  });
});
