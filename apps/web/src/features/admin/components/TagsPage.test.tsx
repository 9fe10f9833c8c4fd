import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '../../../test/http.ts';
import { renderAdmin } from './adminTestSetup.tsx';

describe('TagsPage', () => {
  it('adds tags inline and shows a taken name beside the field', async () => {
    let attempts = 0;
    renderAdmin('/admin/tags', 'admin', [
      { path: '/api/admin/tags', reply: () => json({ items: [] }) },
      {
        method: 'POST',
        path: '/api/admin/tags',
        reply: () =>
          ++attempts === 1
            ? problem(422, 'Taken.', {
                errors: [{ field: 'name', message: 'A tag is already called that.' }],
              })
            : json({ id: 'tag-1', name: 'Refund' }, 201),
      },
    ]);

    expect(await screen.findByText('No wrap-up tags yet.')).toBeTruthy();
    const field = screen.getByLabelText('New tag') as HTMLInputElement;
    fireEvent.change(field, { target: { value: 'Refund' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    expect(await screen.findByText('A tag is already called that.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    expect(await screen.findByRole('rowheader', { name: 'Refund' })).toBeTruthy();
    expect(field.value).toBe('');
  });

  it('deletes a tag after asking', async () => {
    renderAdmin('/admin/tags', 'admin', [
      { path: '/api/admin/tags', reply: () => json({ items: [{ id: 'tag-1', name: 'Refund' }] }) },
      {
        method: 'DELETE',
        path: '/api/admin/tags/tag-1',
        reply: () => new Response(null, { status: 204 }),
      },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Delete Refund' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete “Refund”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete tag' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'Refund' })).toBeNull());
  });
});
