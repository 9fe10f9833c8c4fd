import { describe, expect, it } from 'vitest';
import { conversationHref } from './paths.ts';

const channel = { id: 'wa', kind: 'whatsapp' as const };

describe('conversationHref', () => {
  it('opens a chat in the view of its status', () => {
    expect(conversationHref({ id: 'a', kind: 'chat', status: 'queued', channel })).toBe('/queue/a');
    expect(conversationHref({ id: 'a', kind: 'chat', status: 'closed', channel })).toBe(
      '/closed/a',
    );
    expect(conversationHref({ id: 'a', kind: 'chat', status: 'pending', channel })).toBe(
      '/pending/a',
    );
  });

  it('opens a ticket on its tab', () => {
    expect(conversationHref({ id: 't', kind: 'ticket', status: 'queued', channel })).toBe(
      '/tickets/unassigned/t',
    );
    expect(conversationHref({ id: 't', kind: 'ticket', status: 'live', channel })).toBe(
      '/tickets/assigned/t',
    );
    expect(conversationHref({ id: 't', kind: 'ticket', status: 'closed', channel })).toBe(
      '/tickets/closed/t',
    );
  });
});
