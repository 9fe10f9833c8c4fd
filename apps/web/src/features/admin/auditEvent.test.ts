import type { AuditEvent } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { actorLabel, auditSentence, changeSentences, fieldLabel } from './auditEvent.ts';

const ana = { id: 's-ana', name: 'Ana Admin', role: 'admin' as const };
const lee = { name: 'Lee Agent', email: 'lee@x', role: 'agent', departments: [], capacity: 5 };

const event = (overrides: Partial<AuditEvent>): AuditEvent => ({
  id: 'e1',
  actor: ana,
  action: 'staff.updated',
  object: { kind: 'staff', id: 's-lee' },
  before: null,
  after: null,
  at: '2030-01-02T09:00:00.000Z',
  ...overrides,
});

describe('audit events as sentences', () => {
  it('names who did what to whom', () => {
    const deactivated = event({
      action: 'staff.deactivated',
      before: { ...lee, deactivated: false },
      after: { ...lee, deactivated: true },
    });
    expect(auditSentence(deactivated)).toBe('Ana Admin deactivated Lee Agent');
    // The sentence already says it: no "deactivated" line under it.
    expect(changeSentences(deactivated)).toEqual([]);
  });

  it('says a rename in the sentence and a changed field as "changed x a → b"', () => {
    const renamed = event({
      action: 'department.updated',
      object: { kind: 'department', id: 'd1' },
      before: { name: 'Sales', archived: false, members: [] },
      after: { name: 'Sales EMEA', archived: false, members: [] },
    });
    expect(auditSentence(renamed)).toBe('Ana Admin renamed department Sales → Sales EMEA');
    expect(changeSentences(renamed)).toEqual([]);

    const capacity = event({ before: { ...lee }, after: { ...lee, capacity: 8 } });
    expect(auditSentence(capacity)).toBe('Ana Admin changed Lee Agent');
    expect(changeSentences(capacity)).toEqual([
      { field: 'capacity', text: 'changed capacity 5 → 8' },
    ]);
  });

  it('reads camelCase settings as words and keeps the raw field name', () => {
    const settings = event({
      action: 'settings.updated',
      object: { kind: 'settings', id: 'settings' },
      before: { transferOfferMinutes: 2 },
      after: { transferOfferMinutes: 5 },
    });
    expect(auditSentence(settings)).toBe('Ana Admin changed the settings');
    expect(changeSentences(settings)).toEqual([
      { field: 'transferOfferMinutes', text: 'changed transfer offer minutes 2 → 5' },
    ]);
    expect(fieldLabel('transferOfferMinutes')).toBe('transfer offer minutes');
  });

  it('names the command line, Parley itself, and a token a person acted with', () => {
    expect(actorLabel({ kind: 'system', reason: 'operator command line' })).toBe(
      'The command line',
    );
    expect(actorLabel({ kind: 'system' })).toBe('Parley');
    const created = event({
      actor: { kind: 'system', reason: 'operator command line' },
      action: 'staff.created',
      after: { ...lee, deactivated: false },
    });
    expect(auditSentence(created)).toBe('The command line added staff member Lee Agent');
    // A new object's worth-saying fields, not its empty ones or its name again.
    expect(changeSentences(created).map((c) => c.text)).toEqual([
      'email lee@x',
      'role agent',
      'capacity 5',
    ]);
    const used = event({
      actor: { ...ana, token: { id: 't1', name: 'Zapier' } },
      action: 'token.used',
      object: { kind: 'token', id: 't1' },
    });
    expect(auditSentence(used)).toBe('Ana Admin used API token “Zapier”');
  });

  it('names a shared canned reply by its title', () => {
    const reply = { title: 'Greeting', body: 'Hi', shortcut: 'hi' };
    const created = event({
      action: 'canned_reply.created',
      object: { kind: 'canned_reply', id: 'c1' },
      after: reply,
    });
    expect(auditSentence(created)).toBe('Ana Admin created shared canned reply “Greeting”');
    const deleted = event({
      action: 'canned_reply.deleted',
      object: { kind: 'canned_reply', id: 'c1' },
      before: reply,
    });
    expect(auditSentence(deleted)).toBe('Ana Admin deleted shared canned reply “Greeting”');
  });

  it('names an auto-reply by its kind and language', () => {
    const text = { kind: 'connecting', departmentId: null, language: 'pt-BR', text: 'Olá' };
    const object = { kind: 'auto_reply', id: 'connecting:all:pt-BR' };
    expect(
      auditSentence(event({ action: 'auto_reply.updated', object, before: null, after: text })),
    ).toBe('Ana Admin changed the auto-reply “Connected to an agent” (pt-BR)');
    expect(
      auditSentence(event({ action: 'auto_reply.removed', object, before: text, after: null })),
    ).toBe('Ana Admin removed the auto-reply “Connected to an agent” (pt-BR)');
  });

  it('sign-ins read as the person’s own acts; unknown actions still read', () => {
    expect(auditSentence(event({ actor: { ...ana }, action: 'staff.signed_in' }))).toBe(
      'Ana Admin signed in',
    );
    expect(
      auditSentence(
        event({
          action: 'channel.secret_rotated',
          object: { kind: 'channel', id: 'c1' },
          after: { name: 'WhatsApp ZA' },
        }),
      ),
    ).toBe('Ana Admin rotated the secret of channel “WhatsApp ZA”');
    expect(
      auditSentence(
        event({ action: 'webhook.delivery_paused', object: { kind: 'webhook', id: 'w' } }),
      ),
    ).toBe('Ana Admin — a webhook: delivery paused');
  });
});
