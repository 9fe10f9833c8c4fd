import { describe, expect, it } from 'vitest';
import { agentNames, outcomeText, profileChanges } from './format.ts';

const staff = (name: string) => ({ id: name, name, role: 'agent' as const });

describe('outcomeText', () => {
  it('names the state of an open chat', () => {
    expect(outcomeText({ status: 'live', outcome: { sentiment: null, closedBy: null } })).toBe(
      'Live',
    );
    expect(outcomeText({ status: 'pending', outcome: { sentiment: null, closedBy: null } })).toBe(
      'Pending',
    );
  });

  it('says who ended a closed chat and how it went', () => {
    expect(
      outcomeText({ status: 'closed', outcome: { sentiment: 'positive', closedBy: 'agent' } }),
    ).toBe('Closed · positive');
    expect(
      outcomeText({
        status: 'closed',
        outcome: {
          sentiment: 'negative',
          closedBy: 'agent',
          closer: staff('Lerato Mokoena'),
          tag: 'Refund',
        },
      }),
    ).toBe('Closed by Lerato Mokoena · negative · Refund');
    expect(
      outcomeText({ status: 'closed', outcome: { sentiment: null, closedBy: 'customer' } }),
    ).toBe('Ended by customer');
    expect(
      outcomeText({ status: 'closed', outcome: { sentiment: null, closedBy: 'system' } }),
    ).toBe('Closed by Parley');
  });
});

describe('agentNames', () => {
  it('lists up to two agents and counts the rest', () => {
    expect(agentNames([])).toBe('No agent');
    expect(agentNames([staff('Lerato')])).toBe('Lerato');
    expect(agentNames([staff('Lerato'), staff('Sam')])).toBe('Lerato and Sam');
    expect(agentNames([staff('Lerato'), staff('Sam'), staff('Ayanda'), staff('Pieter')])).toBe(
      'Lerato, Sam and 2 more',
    );
  });
});

describe('profileChanges', () => {
  it('labels fields and custom fields, and skips what it cannot read', () => {
    expect(
      profileChanges({
        fields: [
          { field: 'email', from: null, to: 'thandi@example.com' },
          { field: 'customFields.Plan', from: 'Basic', to: 'Gold' },
          { nonsense: true },
        ],
      }),
    ).toEqual([
      { label: 'Email', from: null, to: 'thandi@example.com' },
      { label: 'Plan', from: 'Basic', to: 'Gold' },
    ]);
    expect(profileChanges({})).toEqual([]);
  });
});
