import type { WidgetChat } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { chatStatusView, describeOpening, queueLine } from './chatStatus.ts';

const chat = (over: Partial<WidgetChat>): WidgetChat => ({
  id: 'chat-1',
  status: 'queued',
  kind: 'chat',
  queue: null,
  agent: null,
  ticket: null,
  ...over,
});

// A Friday afternoon in the visitor's own clock.
const friday = new Date(2026, 10, 27, 17, 30);

describe('what the widget says happens next', () => {
  it('gives the place in the queue, with the estimate only when there is one', () => {
    expect(queueLine(3, 4)).toBe('You are number 3 in the queue · about 4 min');
    expect(queueLine(3, null)).toBe('You are number 3 in the queue');
    expect(queueLine(1, null)).toBe('You are next in the queue');
    expect(chatStatusView(chat({ queue: { position: 2, expectedWaitMinutes: 6 } }))).toEqual({
      kind: 'queued',
      line: 'You are number 2 in the queue · about 6 min',
    });
  });

  it('says who joined a live chat, and nothing for a pending or closed one', () => {
    const taken = { status: 'live' as const, agent: { firstName: 'Naledi' } };
    expect(chatStatusView(chat(taken))).toEqual({ kind: 'joined', line: 'Naledi joined' });
    expect(chatStatusView(chat({ ...taken, status: 'pending' }))).toEqual({ kind: 'none' });
    expect(chatStatusView(chat({ ...taken, status: 'closed' }))).toEqual({ kind: 'none' });
    expect(chatStatusView(null)).toEqual({ kind: 'none' });
  });

  it('tells a ticket why in plain words, with the opening in the visitor’s clock', () => {
    const monday = new Date(2026, 10, 30, 9, 0).toISOString();
    const closed = chat({
      kind: 'ticket',
      ticket: { reason: 'out_of_hours', contactLeft: false, opening: monday },
    });
    expect(chatStatusView(closed, friday, 'en-GB')).toEqual({
      kind: 'ticket',
      line: 'We’re closed right now; we open again Monday at 09:00.',
      contactLeft: false,
    });
    const busy = chat({
      kind: 'ticket',
      ticket: { reason: 'nobody_available', contactLeft: true, opening: null },
    });
    expect(chatStatusView(busy)).toEqual({
      kind: 'ticket',
      line: 'Nobody is free right now.',
      contactLeft: true,
    });
    const noOpening = chat({
      kind: 'ticket',
      ticket: { reason: 'out_of_hours', contactLeft: false, opening: null },
    });
    expect(chatStatusView(noOpening)).toMatchObject({ line: 'We’re closed right now.' });
  });

  it('names today and tomorrow, a weekday within the week, and a date beyond', () => {
    const at = (d: number, h: number) => new Date(2026, 10, d, h, 0).toISOString();
    expect(describeOpening(at(27, 19), friday, 'en-GB')).toBe('today at 19:00');
    expect(describeOpening(at(28, 9), friday, 'en-GB')).toBe('tomorrow at 09:00');
    expect(describeOpening(at(30, 9), friday, 'en-GB')).toBe('Monday at 09:00');
    expect(describeOpening(new Date(2026, 11, 8, 9).toISOString(), friday, 'en-GB')).toBe(
      'Tuesday 8 December at 09:00',
    );
  });
});
