import type { Settings } from '@parley/contract';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/http.ts';
import { buildSettings, renderAdmin } from './adminTestSetup.tsx';

describe('the allowed file kinds in Settings', () => {
  it('shows a checkbox per kind beside the largest size, and saves the kinds left on', async () => {
    let saved = buildSettings();
    const { requests } = renderAdmin('/admin/settings', 'admin', [
      { path: '/api/admin/settings', reply: () => json(saved) },
      {
        method: 'PUT',
        path: '/api/admin/settings',
        reply: async (request: Request) => {
          saved = { ...saved, ...((await request.clone().json()) as Partial<Settings>) };
          return json(saved);
        },
      },
    ]);

    const kinds = await screen.findByRole('group', { name: 'Allowed files' });
    const boxes = within(kinds).getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes).toHaveLength(5);
    expect(boxes.every((box) => box.checked)).toBe(true);
    expect(screen.getByLabelText('Largest attachment')).toBeTruthy();

    fireEvent.click(within(kinds).getByRole('checkbox', { name: /Video/ }));
    expect(screen.getByText('1 unsaved change')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Saved.')).toBeTruthy();
    const put = requests.find((r) => r.method === 'PUT');
    expect(await put?.json()).toEqual({
      allowedAttachmentCategories: ['images', 'audio', 'documents', 'text'],
    });
    expect(
      (within(kinds).getByRole('checkbox', { name: /Video/ }) as HTMLInputElement).checked,
    ).toBe(false);
  });
});
