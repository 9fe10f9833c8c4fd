import { describe, expect, it } from 'vitest';
import { buildEvent } from '../../test/fixtures.ts';
import { clockTime } from '../../ui/time.ts';
import { describeEvent, eventLink } from './eventText.ts';

const lerato = { kind: 'staff' as const, id: 's1', name: 'Lerato Mokoena', role: 'agent' as const };
const johan = { kind: 'staff' as const, id: 's2', name: 'Johan Botha', role: 'agent' as const };
const support = { id: 'd1', name: 'Support' };

describe('describeEvent', () => {
  it('names who did what, as the conversation shows it', () => {
    const cases: [Parameters<typeof buildEvent>[0], string][] = [
      [
        { type: 'tagged', actor: lerato, data: { who: { id: 's2', name: 'Johan Botha' } } },
        'Lerato Mokoena tagged Johan Botha',
      ],
      [
        { type: 'assigned', data: { to: { id: 's1', name: 'Lerato Mokoena' }, by: 'routing' } },
        'Assigned to Lerato Mokoena by routing',
      ],
      [
        { type: 'unassigned', actor: lerato, data: { from: 's2', reason: 'agent_deactivated' } },
        'Back to the queue: its agent was deactivated by Lerato Mokoena',
      ],
      [
        {
          type: 'assigned',
          actor: lerato,
          data: { to: { id: 's1', name: 'Lerato Mokoena' }, by: 'staff' },
        },
        'Accepted by Lerato Mokoena',
      ],
      [
        {
          type: 'assigned',
          actor: { ...lerato, name: 'Sue' },
          data: { to: { id: 's1', name: 'Lerato Mokoena' }, by: 'staff' },
        },
        'Assigned to Lerato Mokoena by Sue',
      ],
      [
        { type: 'closed', actor: lerato, data: { sentiment: 'neutral', tag: null } },
        'Closed by Lerato Mokoena · neutral',
      ],
      [
        { type: 'closed', actor: lerato, data: { sentiment: 'positive', tag: 'refund' } },
        'Closed by Lerato Mokoena · positive · #refund',
      ],
      [{ type: 'ended_by_customer', actor: { kind: 'customer' } }, 'Ended by the customer'],
      [{ type: 'reopened', actor: lerato }, 'Reopened by Lerato Mokoena'],
      [{ type: 'pending', actor: lerato }, 'Marked pending'],
      [
        { type: 'live_again', actor: { kind: 'customer' }, data: { reason: 'customer wrote' } },
        'Live again',
      ],
      [{ type: 'flagged', actor: lerato }, 'Flagged by Lerato Mokoena'],
      [{ type: 'opted_out', actor: { kind: 'customer' } }, 'Opted out of messages (//stop)'],
      [{ type: 'queued' }, 'Queued'],
      [{ type: 'sla_breached', actor: lerato }, 'Sla breached by Lerato Mokoena'],
      [
        {
          type: 'closed',
          actor: lerato,
          data: { sentiment: 'negative', tag: 'refund', withNote: true },
        },
        'Closed by Lerato Mokoena · negative · #refund · note added',
      ],
      [
        {
          type: 'transferred',
          actor: lerato,
          data: {
            by: { id: 's1', name: 'Lerato Mokoena' },
            to: { agent: { id: 's2', name: 'Johan Botha' } },
            note: 'Refund for 4411',
          },
        },
        'Transfer offered to Johan Botha by Lerato Mokoena: “Refund for 4411”',
      ],
      [
        {
          type: 'transferred',
          actor: lerato,
          data: { by: { id: 's1', name: 'Lerato Mokoena' }, to: { department: support }, note: '' },
        },
        'Transfer offered to Support by Lerato Mokoena',
      ],
      [
        {
          type: 'transferred',
          actor: lerato,
          data: { to: { agent: { id: 's2', name: 'Johan Botha' }, department: support } },
        },
        'Transfer offered to Johan Botha in Support by Lerato Mokoena',
      ],
      [{ type: 'transfer_accepted', actor: johan }, 'Transfer accepted by Johan Botha'],
      [
        { type: 'transfer_rejected', actor: johan, data: { reason: 'At lunch' } },
        'Transfer rejected by Johan Botha: “At lunch”',
      ],
      [{ type: 'transfer_rejected', actor: johan, data: {} }, 'Transfer rejected by Johan Botha'],
      [{ type: 'transfer_returned' }, 'Transfer returned: nobody accepted in time'],
      [
        { type: 'transfer_withdrawn', data: { reason: 'the chat was closed' } },
        'Transfer withdrawn: the chat was closed',
      ],
      [
        { type: 'inactivity_warning', data: { minutes: 2, sent: true } },
        'Asked the customer if they are still there',
      ],
      [
        { type: 'inactivity_warning', data: { minutes: 2, sent: false } },
        'No inactivity warning sent: the customer opted out of messages',
      ],
      [{ type: 'inactivity_timeout' }, 'Closed for inactivity: the customer did not reply'],
      [{ type: 'pending_auto_closed' }, 'Closed automatically: pending too long without a reply'],
      [
        {
          type: 'unassigned',
          data: { from: { id: 's1', name: 'Lerato Mokoena' }, reason: 'reply_timeout' },
        },
        'Went back to the queue: no reply from Lerato Mokoena in time',
      ],
      [
        { type: 'unassigned', data: { from: 'unknown-id', reason: 'reply_timeout' } },
        'Went back to the queue: no reply from its agent in time',
      ],
    ];
    for (const [overrides, text] of cases) expect(describeEvent(buildEvent(overrides))).toBe(text);
  });

  it('names the agent of a reply timeout from the team list when the event has only the id', () => {
    const names = (id: string) => (id === 's1' ? 'Lerato Mokoena' : undefined);
    const event = buildEvent({ type: 'unassigned', data: { from: 's1', reason: 'reply_timeout' } });
    expect(describeEvent(event, names)).toBe(
      'Went back to the queue: no reply from Lerato Mokoena in time',
    );
  });

  it('says who observed and from when to when, in the viewer’s clock', () => {
    const from = '2030-01-01T10:02:00.000Z';
    const to = '2030-01-01T10:09:00.000Z';
    const event = buildEvent({
      type: 'observed',
      actor: { kind: 'staff', id: 's9', name: 'Sue Visor', role: 'supervisor' },
      data: { from, to },
    });
    expect(describeEvent(event)).toBe(
      `Sue Visor observed from ${clockTime(from)} to ${clockTime(to)}`,
    );
  });
});

describe('ticket events', () => {
  const sue = { kind: 'staff' as const, id: 's9', name: 'Sue Visor', role: 'supervisor' as const };

  it('says why a conversation became a ticket, and who took, answered, moved and closed it', () => {
    const cases: [Parameters<typeof buildEvent>[0], string][] = [
      [
        { type: 'ticket_created', data: { reason: 'out_of_hours' } },
        'Became a ticket: out of hours',
      ],
      [
        { type: 'ticket_created', data: { reason: 'nobody_available' } },
        'Became a ticket: nobody was available',
      ],
      [
        { type: 'ticket_created', data: { reason: 'queue_timeout' } },
        'Became a ticket: waited too long in the queue',
      ],
      [{ type: 'ticket_accepted', actor: lerato }, 'Ticket accepted by Lerato Mokoena'],
      [
        { type: 'contact_left', data: { contact: 'anika@example.com' } },
        'The customer left anika@example.com to be contacted on',
      ],
      [{ type: 'ticket_replied', actor: lerato }, 'Replied to the ticket by Lerato Mokoena'],
      [
        {
          type: 'ticket_transferred',
          actor: sue,
          data: { to: { agent: { id: 's2', name: 'Johan Botha' } } },
        },
        'Ticket transferred to Johan Botha by Sue Visor',
      ],
      [
        { type: 'ticket_transferred', actor: sue, data: { to: { department: support } } },
        'Ticket transferred to Support by Sue Visor',
      ],
      [
        {
          type: 'ticket_transferred',
          actor: sue,
          data: { to: { kind: 'agent', id: 's2', name: 'Johan Botha' } },
        },
        'Ticket transferred to Johan Botha by Sue Visor',
      ],
      [
        { type: 'ticket_closed', actor: lerato, data: { by: 's1' } },
        'Ticket closed by Lerato Mokoena',
      ],
      [
        { type: 'ticket_closed', data: { reason: 'live_chat', chatId: 'chat-42' } },
        'Ticket closed: the customer started a live chat',
      ],
    ];
    for (const [overrides, text] of cases) expect(describeEvent(buildEvent(overrides))).toBe(text);
  });

  it('links the live chat that closed a ticket, and the ticket a chat replaced', () => {
    expect(
      eventLink(
        buildEvent({ type: 'ticket_closed', data: { reason: 'live_chat', chatId: 'chat-42' } }),
      ),
    ).toEqual({ href: '/live/chat-42', label: 'Open the chat' });
    const follows = buildEvent({ type: 'follows_ticket', data: { ticketId: 'ticket-7' } });
    expect(describeEvent(follows)).toBe(
      'Started while the customer had an open ticket; the ticket was closed',
    );
    expect(eventLink(follows)).toEqual({
      href: '/tickets/closed/ticket-7',
      label: 'Open the ticket',
    });
    expect(eventLink(buildEvent({ type: 'ticket_closed', actor: lerato, data: {} }))).toBeNull();
  });

  it('names the customer whose number or WhatsApp security code changed', () => {
    const moved = buildEvent({
      type: 'customer_number_changed',
      data: { from: '+27 82 123 4567', to: '+27 83 765 4321' },
    });
    expect(describeEvent(moved, undefined, 'Thandi')).toBe(
      'Thandi’s number changed from +27 82 123 4567 to +27 83 765 4321',
    );
    expect(describeEvent(moved)).toBe(
      'The customer’s number changed from +27 82 123 4567 to +27 83 765 4321',
    );
    expect(
      describeEvent(
        buildEvent({ type: 'customer_identity_changed', data: {} }),
        undefined,
        'Thandi',
      ),
    ).toBe('Thandi’s WhatsApp security code changed');
  });
});
