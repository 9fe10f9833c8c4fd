import { describe, expect, it } from 'vitest';
import { buildEvent } from '../../test/fixtures.ts';
import { describeEvent } from './eventText.ts';

const lerato = { kind: 'staff' as const, id: 's1', name: 'Lerato Mokoena', role: 'agent' as const };

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
    ];
    for (const [overrides, text] of cases) expect(describeEvent(buildEvent(overrides))).toBe(text);
  });
});
