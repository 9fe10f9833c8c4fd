import type { Me } from '@parley/contract';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { buildMe } from '../../../test/fixtures.ts';
import { deferred, json, mockFetch, problem } from '../../../test/http.ts';
import { createTestQueryClient, renderWithClient } from '../../../test/render.tsx';
import { meQueryKey } from '../api.ts';
import { AvailabilitySwitch } from './AvailabilitySwitch.tsx';

// Reads `me` from the cache like the desk does, so a successful save re-renders the switch.
function Harness() {
  const me = useQuery<Me | null>({ queryKey: meQueryKey, queryFn: () => null, enabled: false });
  return me.data ? <AvailabilitySwitch me={me.data} /> : null;
}

function renderSwitch(me: Me) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(meQueryKey, me);
  renderWithClient(<Harness />, queryClient);
  return { queryClient, toggle: () => screen.getByRole('switch', { name: 'Available' }) };
}

describe('AvailabilitySwitch', () => {
  it('shows the request as pending, then reverts and explains when the server refuses', async () => {
    const answer = deferred<Response>();
    const { requests } = mockFetch([
      { method: 'PUT', path: '/api/me/availability', reply: () => answer.promise },
    ]);
    const { queryClient, toggle } = renderSwitch(buildMe({ available: false }));
    expect(toggle().getAttribute('aria-checked')).toBe('false');

    fireEvent.click(toggle());
    await waitFor(() => expect(toggle().getAttribute('aria-checked')).toBe('true'));
    expect(toggle().getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText('Saving…')).toBeTruthy();
    expect(await requests[0]?.json()).toEqual({ available: true });

    answer.resolve(problem(409, 'You cannot go available outside business hours.'));

    await waitFor(() => expect(toggle().getAttribute('aria-checked')).toBe('false'));
    expect(toggle().getAttribute('aria-busy')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain(
      'You cannot go available outside business hours.',
    );
    expect(queryClient.getQueryData<Me>(meQueryKey)?.available).toBe(false);
  });

  it('keeps the new state once the server confirms it', async () => {
    mockFetch([
      {
        method: 'PUT',
        path: '/api/me/availability',
        reply: async (request) => {
          const body = (await request.json()) as { available: boolean };
          return json(buildMe({ available: body.available }));
        },
      },
    ]);
    const { queryClient, toggle } = renderSwitch(buildMe({ available: true }));

    fireEvent.click(toggle());
    await waitFor(() => expect(queryClient.getQueryData<Me>(meQueryKey)?.available).toBe(false));
    expect(toggle().getAttribute('aria-checked')).toBe('false');
    expect(toggle().getAttribute('aria-busy')).toBeNull();
    expect(screen.getByRole('alert').textContent).toBe('');
  });
});
