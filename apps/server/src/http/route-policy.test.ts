import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../test/harness.ts';
import { accessFor } from './route-policy.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

describe('the route policy', () => {
  it('has a rule for every registered /api route', () => {
    const api = t.app.routes.filter((r) => r.url.startsWith('/api/'));
    // The walk must see the routes, or it proves nothing.
    expect(api.length).toBeGreaterThan(20);
    expect(api).toContainEqual({ method: 'POST', url: '/api/chats/:id/messages' });
    expect(api).toContainEqual({ method: 'GET', url: '/api/realtime' });
    for (const route of [
      { method: 'POST', url: '/api/chats/:id/transfer' },
      { method: 'GET', url: '/api/chats/:id/transfer-targets' },
      { method: 'GET', url: '/api/transfers' },
      { method: 'POST', url: '/api/transfers/:id/accept' },
      { method: 'POST', url: '/api/transfers/:id/reject' },
      { method: 'POST', url: '/api/transfers/:id/acknowledge' },
      { method: 'GET', url: '/api/notifications' },
      { method: 'POST', url: '/api/notifications/read' },
      { method: 'GET', url: '/api/admin/business-hours' },
      { method: 'PUT', url: '/api/admin/business-hours' },
      { method: 'GET', url: '/api/tickets' },
      { method: 'GET', url: '/api/tickets/counts' },
      { method: 'POST', url: '/api/tickets/accept-oldest' },
      { method: 'POST', url: '/api/tickets/:id/messages' },
      { method: 'POST', url: '/api/tickets/:id/transfer' },
      { method: 'GET', url: '/api/admin/auto-replies' },
      { method: 'PUT', url: '/api/admin/auto-replies' },
    ])
      expect(api).toContainEqual(route);
    const missing = api
      .filter((r) => accessFor(r.method, r.url) === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('never lets a token manage tokens or change staff, whatever its scopes', () => {
    for (const method of ['GET', 'POST', 'DELETE'])
      expect(accessFor(method, '/api/admin/tokens')).toBe('session');
    expect(accessFor('DELETE', '/api/admin/tokens/:id')).toBe('session');
    for (const [method, url] of [
      ['POST', '/api/admin/staff'],
      ['PATCH', '/api/admin/staff/:id'],
      ['POST', '/api/admin/staff/:id/deactivate'],
      ['POST', '/api/admin/staff/:id/reactivate'],
    ] as const)
      expect(accessFor(method, url), `${method} ${url}`).toBe('session');
    expect(accessFor('GET', '/api/admin/staff')).toBe('admin');
    expect(accessFor('PUT', '/api/admin/settings')).toBe('admin');
    expect(accessFor('GET', '/api/admin/auto-replies')).toBe('admin');
    expect(accessFor('PUT', '/api/admin/auto-replies')).toBe('admin');
    expect(accessFor('GET', '/api/admin/audit')).toBe('admin');
    expect(accessFor('GET', '/api/admin/business-hours')).toBe('admin');
    expect(accessFor('PUT', '/api/admin/business-hours')).toBe('admin');
  });

  it('maps the desk’s writes to their scopes', () => {
    expect(accessFor('POST', '/api/chats/:id/messages')).toBe('chats:write');
    expect(accessFor('POST', '/api/chats/:id/comments')).toBe('chats:write');
    expect(accessFor('POST', '/api/chats/:id/transfer')).toBe('chats:write');
    expect(accessFor('POST', '/api/transfers/:id/accept')).toBe('chats:write');
    expect(accessFor('POST', '/api/transfers/:id/reject')).toBe('chats:write');
    expect(accessFor('POST', '/api/transfers/:id/acknowledge')).toBe('chats:write');
    expect(accessFor('GET', '/api/transfers')).toBe('read');
    expect(accessFor('GET', '/api/chats/:id/transfer-targets')).toBe('read');
    expect(accessFor('POST', '/api/notifications/read')).toBe('chats:write');
    expect(accessFor('POST', '/api/tickets/:id/accept')).toBe('chats:write');
    expect(accessFor('POST', '/api/tickets/accept-oldest')).toBe('chats:write');
    expect(accessFor('POST', '/api/tickets/:id/messages')).toBe('chats:write');
    expect(accessFor('POST', '/api/tickets/:id/close')).toBe('chats:write');
    expect(accessFor('POST', '/api/tickets/:id/transfer')).toBe('chats:write');
    expect(accessFor('GET', '/api/tickets')).toBe('read');
    expect(accessFor('GET', '/api/tickets/:id/timeline')).toBe('read');
    expect(accessFor('PATCH', '/api/customers/:id')).toBe('customers:write');
    expect(accessFor('POST', '/api/customers/:id/notes')).toBe('customers:write');
    expect(accessFor('DELETE', '/api/notes/:id')).toBe('customers:write');
    expect(accessFor('HEAD', '/api/customers/:id')).toBe('read');
    expect(accessFor('POST', '/api/something-new')).toBeUndefined();
  });

  it('lets a reading token use the supervisor desk and monitor, never write with it', () => {
    expect(accessFor('GET', '/api/supervisor/desk')).toBe('read');
    expect(accessFor('POST', '/api/chats/:id/monitor')).toBe('read');
    expect(accessFor('POST', '/api/monitors/:id/heartbeat')).toBe('read');
    expect(accessFor('POST', '/api/monitors/:id/end')).toBe('read');
    expect(accessFor('POST', '/api/chats/:id/assign')).toBe('chats:write');
  });
});
