import { defaultPreferences } from '@parley/contract';
import type { Preferences } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { buildChat, buildMe } from '../../test/fixtures.ts';
import {
  type AlertContext,
  chatAlert,
  countWaiting,
  planAlert,
  stillWaiting,
  titleWithCount,
} from './alertRules.ts';

const NOW = Date.parse('2030-01-01T09:00:00.000Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();
const me = buildMe({ id: 'me', departments: [{ id: 'support', name: 'Support' }] });
const mine = { id: 'me', name: 'Agent One', role: 'agent' as const };
const support = { id: 'support', name: 'Support' };

const context = (over: Partial<AlertContext> = {}): AlertContext => ({
  preferences: defaultPreferences,
  openChatId: null,
  visible: true,
  permission: 'granted',
  ...over,
});
const without = (change: Partial<Preferences>): Preferences => ({
  ...defaultPreferences,
  ...change,
});

describe('the tab title', () => {
  it('leads with how many chats need me, and drops the count at 0', () => {
    expect(titleWithCount('Live · Parley', 3)).toBe('(3) Live · Parley');
    expect(titleWithCount('(3) Live · Parley', 1)).toBe('(1) Live · Parley');
    expect(titleWithCount('(3) Live · Parley', 0)).toBe('Live · Parley');
  });

  it('counts a chat that rang until it is read anywhere, and not while it is on screen', () => {
    let waiting: Map<string, string | undefined> = new Map([
      ['a', undefined],
      ['b', ago(60)],
    ]);
    const seen: Record<string, string> = { b: ago(60) };
    expect(countWaiting(waiting, seen, null)).toBe(2);
    expect(countWaiting(waiting, seen, 'a')).toBe(1);
    // Read in another browser: the chat.read frame moves what I have read.
    const after = { ...seen, a: ago(1) };
    expect(countWaiting(waiting, after, null)).toBe(1);
    waiting = new Map(stillWaiting(waiting, after));
    expect([...waiting.keys()]).toEqual(['b']);
  });
});

describe('how an event rings', () => {
  const event = { kind: 'customerReply' as const, chatId: 'c1' };

  it('sounds and counts on a visible tab; notifies the desktop only while hidden and allowed', () => {
    expect(planAlert(event, context())).toEqual({ sound: true, desktop: false, count: true });
    expect(planAlert(event, context({ visible: false }))).toEqual({
      sound: true,
      desktop: true,
      count: true,
    });
    for (const permission of ['default', 'denied', 'unsupported'] as const)
      expect(planAlert(event, context({ visible: false, permission })).desktop).toBe(false);
  });

  it('stays silent for the chat on screen, but not for it in a hidden tab', () => {
    expect(planAlert(event, context({ openChatId: 'c1' }))).toEqual({
      sound: false,
      desktop: false,
      count: false,
    });
    expect(planAlert(event, context({ openChatId: 'c1', visible: false })).desktop).toBe(true);
  });

  it('does each only as the person chose', () => {
    const hidden = { visible: false };
    expect(
      planAlert(event, context({ ...hidden, preferences: without({ sound: false }) })),
    ).toEqual({ sound: false, desktop: true, count: true });
    expect(
      planAlert(event, context({ ...hidden, preferences: without({ desktop: false }) })).desktop,
    ).toBe(false);
    expect(
      planAlert(event, context({ ...hidden, preferences: without({ titleCount: false }) })).count,
    ).toBe(false);
    const noReplies = without({
      events: { ...defaultPreferences.events, customerReply: false },
    });
    expect(planAlert(event, context({ ...hidden, preferences: noReplies }))).toEqual({
      sound: false,
      desktop: false,
      count: false,
    });
    expect(
      planAlert({ kind: 'mention', chatId: 'c1' }, context({ preferences: noReplies })).sound,
    ).toBe(true);
  });
});

describe('what a chat change means for me', () => {
  const fresh = { createdAt: ago(5), lastCustomerActivityAt: ago(5), lastActivityAt: ago(5) };

  it('a chat routed to me or waiting in my queue that I never read is new, once', () => {
    const routed = buildChat({ ...fresh, id: 'r', assignee: mine, department: support });
    expect(chatAlert(routed, me, {}, new Map(), NOW)).toMatchObject({
      kind: 'newChat',
      chatId: 'r',
      path: '/live/r',
    });
    const queued = buildChat({
      ...fresh,
      id: 'q',
      status: 'queued',
      assignee: null,
      department: support,
    });
    expect(chatAlert(queued, me, {}, new Map(), NOW)).toMatchObject({
      kind: 'newChat',
      path: '/queue/q',
    });
    // Rang already on this page: the customer writing again before I look is still one alert.
    const again = { ...routed, lastCustomerActivityAt: ago(1) };
    expect(chatAlert(again, me, {}, new Map([['r', ago(5)]]), NOW)).toBeNull();
  });

  it('is nothing for chats of others, other departments, closed chats or tickets', () => {
    const others = [
      buildChat({ ...fresh, assignee: { id: 'sam', name: 'Sam', role: 'agent' } }),
      buildChat({ ...fresh, status: 'queued', assignee: null, department: { id: 'x', name: 'X' } }),
      buildChat({ ...fresh, status: 'closed', assignee: mine }),
      buildChat({ ...fresh, assignee: mine, kind: 'ticket' }),
    ];
    for (const chat of others) expect(chatAlert(chat, me, {}, new Map(), NOW)).toBeNull();
  });

  it('a customer writing after I last read a chat of mine is a reply; a change without writing is not', () => {
    const chat = buildChat({ ...fresh, id: 'w', assignee: mine, status: 'pending' });
    expect(chatAlert(chat, me, { w: ago(30) }, new Map(), NOW)).toMatchObject({
      kind: 'customerReply',
      path: '/pending/w',
    });
    expect(chatAlert(chat, me, { w: ago(1) }, new Map(), NOW)).toBeNull();
    // A flag or status change repeats the same activity: it rang for that already.
    expect(chatAlert(chat, me, { w: ago(30) }, new Map([['w', ago(5)]]), NOW)).toBeNull();
  });

  it('is history, not news, when the activity is old', () => {
    const old = buildChat({
      createdAt: ago(3600),
      lastCustomerActivityAt: ago(600),
      assignee: mine,
    });
    expect(chatAlert(old, me, {}, new Map(), NOW)).toBeNull();
  });
});
