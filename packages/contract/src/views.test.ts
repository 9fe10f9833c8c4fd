import { describe, expect, it } from 'vitest';
import type { ChatView } from './chats.ts';
import { canSupervise, chatBelongsInView } from './views.ts';
import type { ChatViewer, ViewedChat } from './views.ts';

const support = { id: 'dep-support', name: 'Support' };
const sales = { id: 'dep-sales', name: 'Sales' };

const agent: ChatViewer = { id: 'agent', role: 'agent', departments: [support] };
const supervisor: ChatViewer = { id: 'boss', role: 'supervisor', departments: [] };
const admin: ChatViewer = { id: 'admin', role: 'admin', departments: [] };

const assignedTo = (viewer: ChatViewer) => ({ id: viewer.id, name: 'Someone', role: viewer.role });
const colleague = { id: 'colleague', name: 'Colleague', role: 'agent' as const };

function chat(fields: Partial<ViewedChat> = {}): ViewedChat {
  return {
    status: 'live',
    flagged: false,
    assignee: assignedTo(agent),
    department: support,
    viewerTagged: false,
    ...fields,
  };
}

const allViews = ['live', 'pending', 'tagged', 'closed', 'queue', 'flagged', 'all'] as const;

/** The views a chat appears in for a viewer, so each case reads as one list. */
function viewsOf(viewed: ViewedChat, viewer: ChatViewer): ChatView[] {
  return allViews.filter((view) => chatBelongsInView(view, viewed, viewer));
}

describe('chatBelongsInView', () => {
  it('shows my live chat in Live only, and to a supervisor under All', () => {
    expect(viewsOf(chat(), agent)).toEqual(['live']);
    expect(viewsOf(chat(), supervisor)).toEqual(['all']);
  });

  it('moves my pending chat from Live to Pending', () => {
    expect(viewsOf(chat({ status: 'pending' }), agent)).toEqual(['pending']);
  });

  it("keeps a colleague's live or pending chat out of my Live and Pending", () => {
    expect(viewsOf(chat({ assignee: colleague }), agent)).toEqual([]);
    expect(viewsOf(chat({ assignee: colleague, status: 'pending' }), agent)).toEqual([]);
  });

  it("keeps a supervisor's Live and Pending to the chats assigned to them", () => {
    expect(viewsOf(chat({ assignee: assignedTo(supervisor) }), supervisor)).toEqual([
      'live',
      'all',
    ]);
    expect(viewsOf(chat({ status: 'pending', assignee: colleague }), supervisor)).toEqual(['all']);
  });

  it('queues an unassigned chat for the agents of its department and every supervisor', () => {
    const queued = chat({ status: 'queued', assignee: null });
    expect(viewsOf(queued, agent)).toEqual(['queue']);
    expect(viewsOf({ ...queued, department: sales }, agent)).toEqual([]);
    expect(viewsOf({ ...queued, department: sales }, supervisor)).toEqual(['queue', 'all']);
    expect(viewsOf({ ...queued, department: sales }, admin)).toEqual(['queue', 'all']);
  });

  it('lists a ticket in no chat view: Tickets list it', () => {
    for (const status of ['queued', 'live', 'closed'] as const)
      for (const viewer of [agent, supervisor])
        expect(viewsOf(chat({ status, assignee: null, kind: 'ticket' }), viewer)).toEqual([]);
    expect(viewsOf(chat({ assignee: assignedTo(agent), kind: 'ticket' }), agent)).toEqual([]);
  });

  it('shows no queue to an agent without departments', () => {
    const queued = chat({ status: 'queued', assignee: null });
    expect(viewsOf(queued, { ...agent, departments: [] })).toEqual([]);
  });

  it("lists my closed chats under Closed, a colleague's only for supervisors", () => {
    expect(viewsOf(chat({ status: 'closed' }), agent)).toEqual(['closed']);
    expect(viewsOf(chat({ status: 'closed', assignee: colleague }), agent)).toEqual([]);
    expect(viewsOf(chat({ status: 'closed', assignee: colleague }), supervisor)).toEqual([
      'closed',
    ]);
    expect(viewsOf(chat({ status: 'closed', assignee: null }), admin)).toEqual(['closed']);
  });

  it('lists an open flagged chat under Flagged for its agent and supervisors, not once closed', () => {
    expect(viewsOf(chat({ flagged: true }), agent)).toEqual(['live', 'flagged']);
    expect(viewsOf(chat({ flagged: true, status: 'pending' }), agent)).toEqual([
      'pending',
      'flagged',
    ]);
    expect(viewsOf(chat({ flagged: true, assignee: colleague }), agent)).toEqual([]);
    expect(viewsOf(chat({ flagged: true, assignee: colleague }), supervisor)).toEqual([
      'flagged',
      'all',
    ]);
    expect(viewsOf(chat({ flagged: true, status: 'closed' }), agent)).toEqual(['closed']);
  });

  it('lists a flagged queued chat under Flagged for supervisors only (it has no agent yet)', () => {
    const queued = chat({ status: 'queued', assignee: null, flagged: true });
    expect(viewsOf(queued, agent)).toEqual(['queue']);
    expect(viewsOf(queued, supervisor)).toEqual(['queue', 'flagged', 'all']);
  });

  it('lists a chat I am tagged in under Tagged while it is open, whoever has it', () => {
    const tagged = chat({ assignee: colleague, viewerTagged: true });
    expect(viewsOf(tagged, agent)).toEqual(['tagged']);
    expect(viewsOf({ ...tagged, status: 'queued', assignee: null }, agent)).toEqual([
      'tagged',
      'queue',
    ]);
    expect(viewsOf({ ...tagged, status: 'closed' }, agent)).toEqual([]);
  });

  it('shows an agent nothing under All (the server refuses them that list)', () => {
    for (const status of ['queued', 'live', 'pending', 'closed'] as const)
      expect(chatBelongsInView('all', chat({ status }), agent)).toBe(false);
  });
});

// The desk's own cases from when it kept the rule itself, kept as they were.
describe('chatBelongsInView, as the desk places a changed chat', () => {
  const me: ChatViewer = { id: 'me', role: 'agent', departments: [support] };
  const mine = { id: 'me', name: 'Agent One', role: 'agent' as const };

  it('keeps my live chats in Live and sends a pending one to Pending', () => {
    const live = chat({ status: 'live', assignee: mine });
    expect(chatBelongsInView('live', live, me)).toBe(true);
    expect(chatBelongsInView('live', { ...live, status: 'pending' }, me)).toBe(false);
    expect(chatBelongsInView('pending', { ...live, status: 'pending' }, me)).toBe(true);
  });

  it("leaves a colleague's chat out of my views, but not out of a supervisor's closed view", () => {
    const theirs = chat({
      status: 'closed',
      assignee: { id: 'other', name: 'Sam', role: 'agent' },
    });
    expect(chatBelongsInView('closed', theirs, me)).toBe(false);
    expect(chatBelongsInView('closed', theirs, { ...me, role: 'supervisor' })).toBe(true);
  });

  it('puts queued chats of my departments in the queue only', () => {
    const queued = chat({ status: 'queued', assignee: null });
    expect(chatBelongsInView('queue', queued, me)).toBe(true);
    expect(chatBelongsInView('queue', { ...queued, department: sales }, me)).toBe(false);
  });
});

describe('canSupervise', () => {
  it('is true for supervisors and admins, not agents', () => {
    expect(canSupervise('supervisor')).toBe(true);
    expect(canSupervise('admin')).toBe(true);
    expect(canSupervise('agent')).toBe(false);
  });
});
