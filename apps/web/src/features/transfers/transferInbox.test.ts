import { describe, expect, it } from 'vitest';
import { applyTransfer, isNewOffer, isOfferedToMe } from './transferInbox.ts';
import { agentOne, agentTwo, buildTransfer, support } from './testFixtures.ts';

const one = { id: agentOne.id, departments: [support] };
const two = { id: agentTwo.id, departments: [support] };
const outsider = { id: 'staff-agent-3', departments: [{ id: 'dep-sales', name: 'Sales' }] };
const empty = { incoming: [], outgoing: [] };

describe('transfer inbox', () => {
  it('offers go to the named agent, or to the department’s members when nobody is named', () => {
    const named = buildTransfer();
    expect(isOfferedToMe(named, two)).toBe(true);
    expect(isOfferedToMe(named, one)).toBe(false);
    const toDepartment = buildTransfer({ toAgent: null, toDepartment: support });
    expect(isOfferedToMe(toDepartment, two)).toBe(true);
    expect(isOfferedToMe(toDepartment, outsider)).toBe(false);
    // The sender is in the department too, but it is not an offer to them.
    expect(isOfferedToMe(toDepartment, one)).toBe(false);
  });

  it('an offer is incoming for the receiver while open and leaves when answered or withdrawn', () => {
    const offer = buildTransfer();
    const received = applyTransfer(empty, offer, two);
    expect(received.incoming.map((t) => t.id)).toEqual([offer.id]);
    expect(received.outgoing).toEqual([]);
    for (const state of ['accepted', 'rejected', 'returned', 'withdrawn'] as const)
      expect(applyTransfer(received, { ...offer, state }, two).incoming).toEqual([]);
  });

  it('the sender keeps a rejected or returned offer until acknowledged; accepted or withdrawn go', () => {
    const offer = buildTransfer();
    const sent = applyTransfer(empty, offer, one);
    expect(sent.outgoing.map((t) => t.state)).toEqual(['offered']);
    const rejected = applyTransfer(sent, { ...offer, state: 'rejected', reason: 'Busy' }, one);
    expect(rejected.outgoing.map((t) => [t.state, t.reason])).toEqual([['rejected', 'Busy']]);
    expect(
      applyTransfer(rejected, { ...offer, state: 'rejected', acknowledgedAt: 'x' }, one).outgoing,
    ).toEqual([]);
    expect(applyTransfer(sent, { ...offer, state: 'returned' }, one).outgoing).toHaveLength(1);
    expect(applyTransfer(sent, { ...offer, state: 'accepted' }, one).outgoing).toEqual([]);
    expect(applyTransfer(sent, { ...offer, state: 'withdrawn' }, one).outgoing).toEqual([]);
  });

  it('a frame without a preview keeps the one the inbox read', () => {
    const preview = {
      customer: { id: 'c1', phone: '+27821234567', name: 'Thandi Nkosi' },
      channel: { id: 'ch', kind: 'whatsapp', name: 'Demo' },
      messages: [{ direction: 'in' as const, text: 'Hello', at: '2030-01-01T09:00:00.000Z' }],
    };
    const offer = buildTransfer({ preview });
    const { preview: _dropped, ...frame } = { ...offer, note: 'Changed' };
    const next = applyTransfer({ incoming: [offer], outgoing: [] }, frame, two);
    expect(next.incoming[0]!.note).toBe('Changed');
    expect(next.incoming[0]!.preview).toEqual(preview);
  });

  it('only an offer not yet in the inbox is new', () => {
    const offer = buildTransfer();
    expect(isNewOffer(undefined, offer, two)).toBe(true);
    expect(isNewOffer({ incoming: [offer], outgoing: [] }, offer, two)).toBe(false);
    expect(isNewOffer(empty, { ...offer, state: 'withdrawn' }, two)).toBe(false);
    expect(isNewOffer(empty, offer, one)).toBe(false);
  });
});
