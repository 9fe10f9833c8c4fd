import { describe, expect, it } from 'vitest';
import { buildCustomer } from './testFixtures.ts';
import { draftPatch, findConflicts, resolveDraft, toDraft } from './profileDraft.ts';

describe('draftPatch', () => {
  it('sends only what changed, trimmed; an emptied field as an empty string', () => {
    const base = buildCustomer();
    const draft = { ...toDraft(base), name: ' Thandi N. ', location: '' };
    expect(draftPatch(base, draft)).toEqual({ name: 'Thandi N.', location: '' });
    expect(draftPatch(base, toDraft(base))).toEqual({});
  });

  it('sends the whole custom field set when one of them changed', () => {
    const base = buildCustomer({ customFields: { Tier: 'Gold', Plan: 'Pro' } });
    const draft = toDraft(base);
    draft.customFields = draft.customFields.map((r) =>
      r.name === 'Tier' ? { ...r, value: 'Platinum' } : r,
    );
    expect(draftPatch(base, draft)).toEqual({ customFields: { Tier: 'Platinum', Plan: 'Pro' } });
  });
});

describe('findConflicts and resolveDraft', () => {
  const base = buildCustomer({ company: null, customFields: { Tier: 'Gold' } });

  it('takes their change where I did not edit, and asks where we both did', () => {
    const mine = { ...toDraft(base), email: 'mine@example.com', location: 'Durban' };
    const theirs = buildCustomer({
      version: 4,
      email: 'theirs@example.com',
      company: 'Acme',
      customFields: { Tier: 'Gold' },
    });
    const { conflicts, takenFromTheirs } = findConflicts(base, mine, theirs);
    expect(conflicts).toEqual([
      { field: 'email', label: 'Email', theirs: 'theirs@example.com', mine: 'mine@example.com' },
    ]);
    expect(takenFromTheirs).toEqual(['Company']);

    const kept = resolveDraft(base, mine, theirs, { email: 'mine' });
    expect(kept).toMatchObject({ email: 'mine@example.com', company: 'Acme', location: 'Durban' });
    expect(draftPatch(theirs, kept)).toEqual({ email: 'mine@example.com', location: 'Durban' });

    const yielded = resolveDraft(base, mine, theirs, { email: 'theirs' });
    expect(draftPatch(theirs, yielded)).toEqual({ location: 'Durban' });
  });

  it('treats custom fields one by one', () => {
    const mine = toDraft(base);
    mine.customFields = [{ key: 'k', name: 'Tier', value: 'Silver' }];
    const theirs = buildCustomer({ version: 4, company: null, customFields: { Tier: 'Platinum' } });
    expect(findConflicts(base, mine, theirs).conflicts).toEqual([
      { field: 'customFields.Tier', label: 'Tier', theirs: 'Platinum', mine: 'Silver' },
    ]);
    const resolved = resolveDraft(base, mine, theirs, { 'customFields.Tier': 'theirs' });
    expect(resolved.customFields.map((r) => [r.name, r.value])).toEqual([['Tier', 'Platinum']]);
  });
});
