import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildPresence } from '../../../test/fixtures.ts';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithClient } from '../../../test/render.tsx';
import { TeamList } from './TeamList.tsx';

describe('TeamList', () => {
  it('lists colleagues by name with a status word, without the signed-in person', async () => {
    mockFetch([
      {
        path: '/api/staff',
        reply: () =>
          json({
            items: [
              buildPresence({ id: 'me', name: 'Me Myself' }),
              buildPresence({ id: 'b', name: 'Zola', online: false, available: true }),
              buildPresence({ id: 'a', name: 'Ana', online: true, available: false }),
              buildPresence({ id: 'c', name: 'Mpho', online: true, available: true }),
            ],
          }),
      },
    ]);
    renderWithClient(<TeamList meId="me" />);

    await screen.findByRole('listitem', { name: 'Ana, Away' });
    const names = screen.getAllByRole('listitem').map((item) => item.getAttribute('aria-label'));
    expect(names).toEqual(['Ana, Away', 'Mpho, Available', 'Zola, Offline']);
    expect(screen.getByText('2 online')).toBeTruthy();
  });

  it('shows an error with a retry that loads the team', async () => {
    let calls = 0;
    mockFetch([
      {
        path: '/api/staff',
        reply: () =>
          ++calls === 1
            ? problem(503, 'Database unavailable.')
            : json({ items: [buildPresence({ name: 'Ana' })] }),
      },
    ]);
    renderWithClient(<TeamList meId="me" />);

    expect((await screen.findByRole('alert')).textContent).toContain("Couldn't load the team.");
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('listitem', { name: 'Ana, Available' });
  });
});
