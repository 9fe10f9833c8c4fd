import type { WebhookDelivery, WebhookSubscription } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '../../../test/http.ts';
import { renderAdmin } from './adminTestSetup.tsx';

const crm: WebhookSubscription = {
  id: 'wh-1',
  url: 'https://crm.example.com/parley',
  events: ['chat.created', 'message.in'],
  active: true,
  createdAt: '2030-01-01T09:00:00.000Z',
  lastDelivery: {
    status: 'failed',
    eventType: 'message.in',
    attempts: 8,
    at: '2030-01-01T10:00:00.000Z',
  },
};

const failed: WebhookDelivery = {
  id: '41',
  eventId: 'ev-1',
  eventType: 'message.in',
  status: 'failed',
  attempts: 8,
  lastError: 'Not delivered after 8 attempts. The last: The receiver answered 500.',
  responseStatus: 500,
  createdAt: '2030-01-01T09:00:00.000Z',
  lastAttemptAt: '2030-01-01T10:00:00.000Z',
  nextAttemptAt: null,
};

const listRoute = (items: WebhookSubscription[]) => ({
  path: '/api/admin/webhooks',
  reply: () => json({ items }),
});

describe('WebhooksPage', () => {
  it('says what to do first when there are no webhooks', async () => {
    renderAdmin('/admin/webhooks', 'admin', [listRoute([])]);
    expect(await screen.findByText('No webhooks.')).toBeTruthy();
    expect(screen.getByText(/Add a webhook to send events/)).toBeTruthy();
  });

  it('lists webhooks with their events, state and last delivery', async () => {
    renderAdmin('/admin/webhooks', 'admin', [listRoute([crm])]);
    const row = (await screen.findByRole('rowheader', { name: crm.url })).closest('tr')!;
    expect(within(row).getByText('chat.created')).toBeTruthy();
    expect(within(row).getByText('Failed')).toBeTruthy();
    expect(
      within(row)
        .getByRole('switch', { name: `Active: ${crm.url}` })
        .getAttribute('aria-checked'),
    ).toBe('true');
  });

  it('creates a webhook in the side sheet, checks the URL inline, and shows the secret once', async () => {
    const { requests } = renderAdmin('/admin/webhooks', 'admin', [
      listRoute([]),
      {
        method: 'POST',
        path: '/api/admin/webhooks',
        reply: () =>
          json(
            {
              ...crm,
              id: 'wh-2',
              events: ['chat.closed'],
              lastDelivery: null,
              secret: 'whsec_abc',
            },
            201,
          ),
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'New webhook' }));
    const sheet = await screen.findByRole('dialog', { name: 'New webhook' });
    fireEvent.change(within(sheet).getByLabelText('URL'), {
      target: { value: 'https://user:pw@crm.example.com/x' },
    });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Create webhook' }));
    expect(await within(sheet).findByText(/No user name or password/)).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(within(sheet).getByLabelText('URL'), { target: { value: crm.url } });
    fireEvent.click(within(sheet).getByRole('checkbox', { name: /chat\.created/ }));
    fireEvent.click(within(sheet).getByRole('button', { name: 'Create webhook' }));

    const secret = await screen.findByRole('dialog', { name: 'Copy the signing secret' });
    expect((within(secret).getByLabelText('Signing secret') as HTMLInputElement).value).toBe(
      'whsec_abc',
    );
    expect(await requests.find((r) => r.method === 'POST')?.json()).toEqual({
      url: crm.url,
      events: ['chat.closed'],
    });
    fireEvent.click(within(secret).getByRole('button', { name: "I've stored it" }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('rowheader', { name: crm.url })).toBeTruthy();
    expect(document.body.textContent).not.toContain('whsec_abc');
  });

  it("shows the server's reason for refusing a URL beside the field", async () => {
    renderAdmin('/admin/webhooks', 'admin', [
      listRoute([]),
      {
        method: 'POST',
        path: '/api/admin/webhooks',
        reply: () =>
          problem(422, 'The URL cannot receive webhooks.', {
            errors: [{ field: 'url', message: 'This points at a private or local address' }],
          }),
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'New webhook' }));
    const sheet = await screen.findByRole('dialog', { name: 'New webhook' });
    fireEvent.change(within(sheet).getByLabelText('URL'), {
      target: { value: 'http://10.0.0.5/hook' },
    });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Create webhook' }));
    expect(await within(sheet).findByText(/private or local address/)).toBeTruthy();
    expect(within(sheet).getByLabelText('URL').getAttribute('aria-invalid')).toBe('true');
  });

  it('pauses a webhook with its switch', async () => {
    const { requests } = renderAdmin('/admin/webhooks', 'admin', [
      listRoute([crm]),
      {
        method: 'PATCH',
        path: '/api/admin/webhooks/wh-1',
        reply: () => json({ ...crm, active: false }),
      },
    ]);
    const toggle = await screen.findByRole('switch', { name: `Active: ${crm.url}` });
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    expect(await requests.find((r) => r.method === 'PATCH')?.json()).toEqual({ active: false });
  });

  it('deletes a webhook after asking', async () => {
    const { requests } = renderAdmin('/admin/webhooks', 'admin', [
      listRoute([crm]),
      {
        method: 'DELETE',
        path: '/api/admin/webhooks/wh-1',
        reply: () => new Response(null, { status: 204 }),
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: `Delete ${crm.url}` }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete this webhook?' });
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete webhook' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: crm.url })).toBeNull());
    expect(requests.some((r) => r.method === 'DELETE')).toBe(true);
  });

  it('shows the delivery log with its error, redelivers, and sends a test event', async () => {
    let log = [failed];
    const { requests } = renderAdmin('/admin/webhooks', 'admin', [
      listRoute([crm]),
      {
        path: '/api/admin/webhooks/wh-1/deliveries',
        reply: () => json({ items: log, nextCursor: null }),
      },
      {
        method: 'POST',
        path: '/api/admin/webhooks/wh-1/deliveries/41/redeliver',
        reply: () => {
          const again = {
            ...failed,
            id: '42',
            status: 'pending' as const,
            attempts: 0,
            lastError: null,
            responseStatus: null,
            lastAttemptAt: null,
            nextAttemptAt: failed.createdAt,
          };
          log = [again, failed];
          return json(again, 202);
        },
      },
      {
        method: 'POST',
        path: '/api/admin/webhooks/wh-1/test',
        reply: () =>
          json(
            { ...failed, id: '43', eventType: 'webhook.test', status: 'pending', attempts: 0 },
            202,
          ),
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: `Deliveries of ${crm.url}` }));
    const sheet = await screen.findByRole('dialog', { name: 'Deliveries' });
    expect(await within(sheet).findByText(/The receiver answered 500/)).toBeTruthy();
    expect(within(sheet).getByText('8 attempts · HTTP 500')).toBeTruthy();

    fireEvent.click(within(sheet).getByRole('button', { name: /^Redeliver message\.in/ }));
    // The log reloads with the new delivery on top; it cannot be redelivered while queued.
    await waitFor(() =>
      expect(within(sheet).getAllByRole('button', { name: /^Redeliver/ })).toHaveLength(2),
    );
    expect(requests.some((r) => r.url.endsWith('/deliveries/41/redeliver'))).toBe(true);
    const buttons = within(sheet).getAllByRole('button', { name: /^Redeliver/ });
    expect(buttons.map((b) => (b as HTMLButtonElement).disabled)).toEqual([true, false]);
    expect(within(sheet).getAllByText('Queued', { selector: '.webhook-status' })).toHaveLength(1);

    fireEvent.click(within(sheet).getByRole('button', { name: 'Send test event' }));
    expect(await within(sheet).findByText('Test event queued.')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/wh-1/test'))).toBe(true);
  });

  it('keeps "Send test event" disabled, with the reason, while a webhook is paused', async () => {
    renderAdmin('/admin/webhooks', 'admin', [
      listRoute([{ ...crm, active: false }]),
      {
        path: '/api/admin/webhooks/wh-1/deliveries',
        reply: () => json({ items: [], nextCursor: null }),
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: `Deliveries of ${crm.url}` }));
    const sheet = await screen.findByRole('dialog', { name: 'Deliveries' });
    expect(await within(sheet).findByText('No deliveries yet.')).toBeTruthy();
    expect(
      (within(sheet).getByRole('button', { name: 'Send test event' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
  });

  it('is not offered to supervisors', async () => {
    renderAdmin('/admin/webhooks', 'supervisor', [
      { path: '/api/admin/departments', reply: () => json({ items: [] }) },
    ]);
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Webhooks' })).toBeNull());
    expect(screen.queryByRole('heading', { name: 'Webhooks' })).toBeNull();
  });
});
