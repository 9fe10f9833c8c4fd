import type { AdminChannel } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, problem } from '../../../test/http.ts';
import { buildDepartment, renderAdmin } from './adminTestSetup.tsx';

const support = buildDepartment();

function buildChannel(overrides: Partial<AdminChannel> = {}): AdminChannel {
  return {
    id: 'wc-0a1b2c3d4e5f',
    kind: 'webchat',
    name: 'Shop chat',
    department: { id: support.id, name: support.name },
    region: 'ZA',
    enabled: true,
    createdAt: '2026-11-02T09:00:00.000Z',
    inboundUrl: null,
    statusUrl: null,
    widgetUrl: 'http://localhost:3000/chat/wc-0a1b2c3d4e5f',
    embedSnippet: '<iframe src="http://localhost:3000/chat/wc-0a1b2c3d4e5f"></iframe>',
    settings: {
      outboundUrl: null,
      phoneNumberId: null,
      apiBaseUrl: null,
      allowedOrigins: ['https://shop.example'],
      greeting: 'Hello!',
      verifyChannelId: null,
      provider: null,
      accountSid: null,
      fromNumber: null,
      messagingServiceSid: null,
    },
    secrets: [{ name: 'identitySecret', set: true, rotatedAt: null, previousValidUntil: null }],
    ...overrides,
  };
}
const hook = buildChannel({
  id: 'wh-111111111111',
  kind: 'webhook',
  name: 'Orders hook',
  inboundUrl: 'http://localhost:3000/api/inbound/wh-111111111111',
  widgetUrl: null,
  embedSnippet: null,
  settings: { ...buildChannel().settings, allowedOrigins: [], greeting: null },
  secrets: [{ name: 'secret', set: true, rotatedAt: null, previousValidUntil: null }],
});
const chat = buildChannel();

const routes = (items: AdminChannel[]) => [
  { path: '/api/admin/channels', reply: () => json({ items }) },
  { path: '/api/admin/departments', reply: () => json({ items: [support] }) },
];

describe('ChannelsPage', () => {
  it('lists channels with kind, department, region and status, and filters them by search', async () => {
    renderAdmin('/admin/channels', 'admin', routes([chat, { ...hook, enabled: false }]));
    const table = await screen.findByRole('table');
    const row = within(table)
      .getByRole('rowheader', { name: /Orders hook/ })
      .closest('tr')!;
    expect(within(row).getByText('Webhook')).toBeTruthy();
    expect(within(row).getByText('Disabled')).toBeTruthy();
    expect(within(row).getByText('Support')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search channels'), { target: { value: 'web chat' } });
    expect(within(table).queryByRole('rowheader', { name: /Orders hook/ })).toBeNull();
    expect(within(table).getByRole('rowheader', { name: /Shop chat/ })).toBeTruthy();
  });

  it('creates a web chat, checking origins first, then shows its secret and snippet once', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const items: AdminChannel[] = [];
    const { requests } = renderAdmin('/admin/channels', 'admin', [
      ...routes(items),
      {
        method: 'POST',
        path: '/api/admin/channels',
        reply: () => {
          items.push(chat);
          return json({ ...chat, shownOnce: { identitySecret: 'idsec_shown_once' } }, 201);
        },
      },
    ]);
    expect(await screen.findByText('No channels yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New channel' }));
    const sheet = await screen.findByRole('dialog', { name: 'New channel' });
    fireEvent.click(within(sheet).getByRole('radio', { name: /Web chat/ }));
    fireEvent.change(within(sheet).getByLabelText('Name'), { target: { value: 'Shop chat' } });
    await within(sheet).findByRole('option', { name: 'Support' });
    fireEvent.change(within(sheet).getByLabelText('Department'), { target: { value: support.id } });
    fireEvent.change(within(sheet).getByLabelText('Sites that may embed it'), {
      target: { value: 'https://shop.example/page' },
    });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Create channel' }));
    expect(await within(sheet).findByText(/is not an origin like/)).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.change(within(sheet).getByLabelText('Sites that may embed it'), {
      target: { value: 'https://shop.example' },
    });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Create channel' }));
    const shown = await screen.findByRole('dialog', { name: /Copy the secrets of “Shop chat”/ });
    expect(within(shown).getByText(/You won't see this again/)).toBeTruthy();
    expect((within(shown).getByLabelText('Identity secret') as HTMLInputElement).value).toBe(
      'idsec_shown_once',
    );
    fireEvent.click(within(shown).getByRole('button', { name: 'Copy embed snippet' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(chat.embedSnippet));
    expect(await requests.find((r) => r.method === 'POST')?.json()).toEqual({
      kind: 'webchat',
      name: 'Shop chat',
      departmentId: support.id,
      region: 'ZA',
      allowedOrigins: ['https://shop.example'],
    });
    fireEvent.click(within(shown).getByRole('button', { name: "I've stored them" }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('rowheader', { name: /Shop chat/ })).toBeTruthy();
  });

  it('creates an SMS channel for a provider and shows the URLs to paste into it once', async () => {
    const items: AdminChannel[] = [];
    const inboundUrl = 'http://localhost:3000/api/inbound/sms-222222222222/clickatell/cbsec_once';
    const sms = buildChannel({
      id: 'sms-222222222222',
      kind: 'sms',
      name: 'Texts',
      inboundUrl: inboundUrl.replace('cbsec_once', '{callbackSecret}'),
      statusUrl: `${inboundUrl.replace('cbsec_once', '{callbackSecret}')}/status`,
      widgetUrl: null,
      embedSnippet: null,
      settings: {
        ...buildChannel().settings,
        allowedOrigins: [],
        greeting: null,
        provider: 'clickatell',
        apiBaseUrl: 'https://platform.clickatell.com',
      },
      secrets: [],
    });
    const { requests } = renderAdmin('/admin/channels', 'admin', [
      ...routes(items),
      {
        method: 'POST',
        path: '/api/admin/channels',
        reply: () => {
          items.push(sms);
          return json(
            {
              ...sms,
              inboundUrl,
              statusUrl: `${inboundUrl}/status`,
              shownOnce: { callbackSecret: 'cbsec_once' },
            },
            201,
          );
        },
      },
    ]);
    expect(await screen.findByText('No channels yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New channel' }));
    const sheet = await screen.findByRole('dialog', { name: 'New channel' });
    fireEvent.click(within(sheet).getByRole('radio', { name: /^SMS/ }));
    fireEvent.click(within(sheet).getByRole('radio', { name: 'Clickatell' }));
    fireEvent.change(within(sheet).getByLabelText('Name'), { target: { value: 'Texts' } });
    await within(sheet).findByRole('option', { name: 'Support' });
    fireEvent.change(within(sheet).getByLabelText('Department'), { target: { value: support.id } });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Create channel' }));
    expect(await within(sheet).findByText(/Paste the API key/)).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    fireEvent.change(within(sheet).getByLabelText('API key'), { target: { value: 'ct-key' } });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Create channel' }));
    const shown = await screen.findByRole('dialog', { name: /Copy the secrets of “Texts”/ });
    expect(within(shown).getByText(new RegExp(`${inboundUrl}/status`))).toBeTruthy();
    expect(await requests.find((r) => r.method === 'POST')?.json()).toEqual({
      kind: 'sms',
      provider: 'clickatell',
      name: 'Texts',
      departmentId: support.id,
      region: 'ZA',
      apiKey: 'ct-key',
    });
  });

  it('shows the server’s 422 beside the field it names', async () => {
    renderAdmin('/admin/channels', 'admin', [
      ...routes([hook]),
      {
        method: 'PATCH',
        path: `/api/admin/channels/${hook.id}`,
        reply: () =>
          problem(422, 'Some fields need attention.', {
            errors: [
              {
                field: 'region',
                message: 'Use a two-letter country code phone numbers are read in.',
              },
            ],
          }),
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Orders hook' }));
    const sheet = await screen.findByRole('dialog', { name: 'Edit Orders hook' });
    fireEvent.change(within(sheet).getByLabelText('Region'), { target: { value: 'QQ' } });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Save' }));
    expect(await within(sheet).findByText(/two-letter country code phone numbers/)).toBeTruthy();
    expect(within(sheet).getByLabelText('Region').getAttribute('aria-invalid')).toBe('true');
  });

  it('rotates after confirming and shows the new value once', async () => {
    const { requests } = renderAdmin('/admin/channels', 'admin', [
      ...routes([hook]),
      {
        method: 'POST',
        path: `/api/admin/channels/${hook.id}/rotate-secret`,
        reply: () =>
          json({
            channel: hook,
            name: 'secret',
            value: 'whsec_new',
            previousValidUntil: '2026-12-01T09:00:00Z',
          }),
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate a secret of Orders hook' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: /Rotate a secret of Orders hook/,
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    const shown = await screen.findByRole('dialog', { name: /Copy the secrets/ });
    expect((within(shown).getByLabelText('Signing secret') as HTMLInputElement).value).toBe(
      'whsec_new',
    );
    expect(within(shown).getByText(/old value keeps working for 24 hours/)).toBeTruthy();
    expect(await requests.find((r) => r.method === 'POST')?.json()).toEqual({ name: 'secret' });
  });

  it('asks for the new value of a provider secret', async () => {
    const wa = buildChannel({
      id: 'wa-222222222222',
      kind: 'whatsapp',
      name: 'Sales WhatsApp',
      secrets: [],
    });
    const { requests } = renderAdmin('/admin/channels', 'admin', [
      ...routes([wa]),
      {
        method: 'POST',
        path: `/api/admin/channels/${wa.id}/rotate-secret`,
        reply: () =>
          json({ channel: wa, name: 'appSecret', value: null, previousValidUntil: null }),
      },
    ]);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Rotate a secret of Sales WhatsApp' }),
    );
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    expect(await within(dialog).findByText('Paste the new value from Meta.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('New app secret'), {
      target: { value: 'meta-new' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(await requests.find((r) => r.method === 'POST')?.json()).toEqual({
      name: 'appSecret',
      value: 'meta-new',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('disables after confirming, and shows a test result inline', async () => {
    renderAdmin('/admin/channels', 'admin', [
      ...routes([hook]),
      {
        method: 'POST',
        path: `/api/admin/channels/${hook.id}/disable`,
        reply: () => json({ ...hook, enabled: false }),
      },
      {
        method: 'POST',
        path: `/api/admin/channels/${hook.id}/test`,
        reply: () =>
          json({
            ok: false,
            detail: 'The outbound URL answered HTTP 503.',
            status: 503,
            latencyMs: 12,
          }),
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Test Orders hook' }));
    expect(
      await screen.findByText('Test failed: The outbound URL answered HTTP 503.'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Disable Orders hook' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Disable Orders hook?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.getByText('Disabled')).toBeTruthy();
  });

  it('shows a supervisor the table with every change disabled and says why', async () => {
    const { requests } = renderAdmin('/admin/channels', 'supervisor', routes([hook]));
    await screen.findByRole('rowheader', { name: /Orders hook/ });
    for (const name of [
      'New channel',
      'Edit Orders hook',
      'Test Orders hook',
      'Rotate a secret of Orders hook',
      'Disable Orders hook',
    ])
      expect(screen.getByRole('button', { name }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText(/Only admins can change this/)).toBeTruthy();
    expect(requests.every((r) => r.method === 'GET')).toBe(true);
  });
});
