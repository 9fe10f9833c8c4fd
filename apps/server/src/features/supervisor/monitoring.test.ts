import { randomUUID } from 'node:crypto';
import type { Frame, TimelineItem } from '@parley/contract';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { events, monitorSessions } from '../../db/schema.ts';
import { transact } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import { listenForSockets, type SocketOpener } from '../../test/listening.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { receiveInbound } from '../chats/index.ts';
import { readSettings } from '../settings/index.ts';
import type { TimerContext } from '../timers/index.ts';
import { MONITOR_SILENCE_MS, staleMonitorTimer } from './index.ts';

let t: TestApp;
let connect: SocketOpener;
beforeAll(async () => {
  t = await testApp();
  connect = await listenForSockets(t.app);
});

const quiet = () => ({ db: t.db, notifier: { wake: () => undefined }, presence: t.presence });
const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
const post = (url: string, cookie: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });

/** A live chat held by an agent, two supervisors (one a member of the department), an admin. */
async function scene() {
  const { channel, department } = await makeChannel(t.db);
  const agent = await makeStaff(t.db, { departments: [department.name], name: 'Agent Ayo' });
  const sup = await makeStaff(t.db, { role: 'supervisor', name: 'Sup Sade' });
  const otherSup = await makeStaff(t.db, { role: 'supervisor', departments: [department.name] });
  const admin = await makeStaff(t.db, { role: 'admin' });
  const supCookie = await signIn(t.app, sup.email);
  const agentCookie = await signIn(t.app, agent.email);
  const otherSupCookie = await signIn(t.app, otherSup.email);
  const adminCookie = await signIn(t.app, admin.email);
  const { chatId } = await receiveInbound(quiet(), {
    channelId: channel.id,
    providerMessageId: `mon-${randomUUID()}`,
    from: uniquePhone(),
    text: 'Is anyone there?',
  });
  const assigned = await post(`/api/chats/${chatId}/assign`, supCookie, { agentId: agent.id });
  expect(assigned.statusCode).toBe(200);
  return {
    channel,
    department,
    agent,
    sup,
    otherSup,
    admin,
    supCookie,
    agentCookie,
    otherSupCookie,
    adminCookie,
    chatId,
  };
}

async function startMonitoring(chatId: string, cookie: string) {
  const res = await post(`/api/chats/${chatId}/monitor`, cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; chatId: string; startedAt: string };
}

const observedEvents = (chatId: string) =>
  t.db
    .select()
    .from(events)
    .where(and(eq(events.chatId, chatId), eq(events.type, 'observed')));

async function timerContext(now: Date): Promise<TimerContext> {
  return { now, settings: await readSettings(t.db), ms: (minutes) => minutes * 60_000 };
}

const fireStale = async (id: string, now: Date) => {
  const ctx = await timerContext(now);
  return transact(quiet(), (tx, emit) => staleMonitorTimer.fire(tx, emit, id, ctx));
};

describe('monitoring a chat', () => {
  it('starts, beats and ends with one observed event by the supervisor, from start to end', async () => {
    const s = await scene();
    const session = await startMonitoring(s.chatId, s.supCookie);
    expect(session).toEqual({
      id: expect.any(String),
      chatId: s.chatId,
      startedAt: expect.any(String),
    });
    expect(await observedEvents(s.chatId)).toEqual([]);
    expect((await post(`/api/monitors/${session.id}/heartbeat`, s.supCookie)).statusCode).toBe(204);
    expect((await post(`/api/monitors/${session.id}/end`, s.supCookie)).statusCode).toBe(204);
    const [observed, ...more] = await observedEvents(s.chatId);
    expect(more).toEqual([]);
    expect(observed).toMatchObject({ actorKind: 'staff', actorStaffId: s.sup.id });
    const data = observed!.data as { from: string; to: string };
    expect(data.from).toBe(session.startedAt);
    expect(Date.parse(data.to)).toBeGreaterThanOrEqual(Date.parse(data.from));
    const [row] = await t.db
      .select()
      .from(monitorSessions)
      .where(eq(monitorSessions.id, session.id));
    expect(row!.endedAt?.toISOString()).toBe(data.to);

    // An ended session stays ended: neither a heartbeat nor a second end revives or repeats it.
    const again = await post(`/api/monitors/${session.id}/end`, s.supCookie);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('ended');
    expect((await post(`/api/monitors/${session.id}/heartbeat`, s.supCookie)).statusCode).toBe(409);
    expect(await observedEvents(s.chatId)).toHaveLength(1);
  });

  it('refuses agents on every monitoring route (403)', async () => {
    const s = await scene();
    const session = await startMonitoring(s.chatId, s.supCookie);
    for (const url of [
      `/api/chats/${s.chatId}/monitor`,
      `/api/monitors/${session.id}/heartbeat`,
      `/api/monitors/${session.id}/end`,
    ]) {
      const res = await post(url, s.agentCookie);
      expect(res.statusCode, url).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await observedEvents(s.chatId)).toEqual([]);
  });

  it('lets only the owner beat or end a session; others and unknown ids get 404', async () => {
    const s = await scene();
    const session = await startMonitoring(s.chatId, s.supCookie);
    for (const cookie of [s.otherSupCookie, s.adminCookie]) {
      expect((await post(`/api/monitors/${session.id}/heartbeat`, cookie)).statusCode).toBe(404);
      expect((await post(`/api/monitors/${session.id}/end`, cookie)).statusCode).toBe(404);
    }
    expect((await post(`/api/monitors/${randomUUID()}/end`, s.supCookie)).statusCode).toBe(404);
    expect((await post(`/api/monitors/not-an-id/heartbeat`, s.supCookie)).statusCode).toBe(404);
    expect((await post(`/api/chats/${randomUUID()}/monitor`, s.supCookie)).statusCode).toBe(404);
    expect((await post(`/api/chats/not-an-id/monitor`, s.supCookie)).statusCode).toBe(404);
    expect(await observedEvents(s.chatId)).toEqual([]);
    // An admin monitors too, in a session of their own.
    const own = await startMonitoring(s.chatId, s.adminCookie);
    expect((await post(`/api/monitors/${own.id}/end`, s.adminCookie)).statusCode).toBe(204);
  });

  it('answers 409 for the supervisor’s own chat and for a closed chat', async () => {
    const s = await scene();
    const { chatId } = await receiveInbound(quiet(), {
      channelId: s.channel.id,
      providerMessageId: `mon-${randomUUID()}`,
      from: uniquePhone(),
      text: 'Hi',
    });
    const mine = await post(`/api/chats/${chatId}/assign`, s.otherSupCookie, {
      agentId: s.otherSup.id,
    });
    expect(mine.statusCode).toBe(200);
    const own = await post(`/api/chats/${chatId}/monitor`, s.otherSupCookie);
    expect(own.statusCode).toBe(409);
    expect(own.json().detail).toContain('This is your own chat');
    expect((await post(`/api/chats/${s.chatId}/close`, s.agentCookie, {})).statusCode).toBe(200);
    const closed = await post(`/api/chats/${s.chatId}/monitor`, s.supCookie);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detail).toContain('closed');
  });

  it('ends a session whose heartbeats stopped where it was last seen, once', async () => {
    const s = await scene();
    const session = await startMonitoring(s.chatId, s.supCookie);
    const [row] = await t.db
      .select()
      .from(monitorSessions)
      .where(eq(monitorSessions.id, session.id));
    const lastSeen = row!.lastSeenAt;
    const justBefore = new Date(lastSeen.getTime() + MONITOR_SILENCE_MS - 1);
    const due = new Date(lastSeen.getTime() + MONITOR_SILENCE_MS);

    const early = await timerContext(justBefore);
    expect(await staleMonitorTimer.findDue(t.db, early, 1000)).not.toContain(session.id);
    expect(await fireStale(session.id, justBefore)).toBe(false);
    expect(await staleMonitorTimer.findDue(t.db, await timerContext(due), 1000)).toContain(
      session.id,
    );
    expect(await fireStale(session.id, due)).toBe(true);
    expect(await fireStale(session.id, due)).toBe(false);
    const [observed, ...more] = await observedEvents(s.chatId);
    expect(more).toEqual([]);
    expect(observed!.data).toEqual({ from: session.startedAt, to: lastSeen.toISOString() });
    expect(observed!.actorStaffId).toBe(s.sup.id);
    expect(await staleMonitorTimer.findDue(t.db, await timerContext(due), 1000)).not.toContain(
      session.id,
    );
    expect((await post(`/api/monitors/${session.id}/heartbeat`, s.supCookie)).statusCode).toBe(409);
  });

  it('records exactly one event when workers race for a stale session', async () => {
    const s = await scene();
    const session = await startMonitoring(s.chatId, s.supCookie);
    const due = new Date(Date.now() + MONITOR_SILENCE_MS + 1000);
    const fired = await Promise.all([1, 2, 3, 4].map(() => fireStale(session.id, due)));
    expect(fired.filter(Boolean)).toHaveLength(1);
    expect(await observedEvents(s.chatId)).toHaveLength(1);
  });

  it('records exactly one event when the owner’s end races the stale timer', async () => {
    const s = await scene();
    const session = await startMonitoring(s.chatId, s.supCookie);
    const due = new Date(Date.now() + MONITOR_SILENCE_MS + 1000);
    const [ended, fired] = await Promise.all([
      post(`/api/monitors/${session.id}/end`, s.supCookie),
      fireStale(session.id, due),
    ]);
    expect([204, 409]).toContain(ended.statusCode);
    expect(ended.statusCode === 204).toBe(!fired);
    expect(await observedEvents(s.chatId)).toHaveLength(1);
  });

  it('does not end a session that beat again after it was found due', async () => {
    const s = await scene();
    const session = await startMonitoring(s.chatId, s.supCookie);
    const [row] = await t.db
      .select()
      .from(monitorSessions)
      .where(eq(monitorSessions.id, session.id));
    const due = new Date(row!.lastSeenAt.getTime() + MONITOR_SILENCE_MS);
    expect(await staleMonitorTimer.findDue(t.db, await timerContext(due), 1000)).toContain(
      session.id,
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await post(`/api/monitors/${session.id}/heartbeat`, s.supCookie)).statusCode).toBe(204);
    expect(await fireStale(session.id, due)).toBe(false);
    expect(await observedEvents(s.chatId)).toEqual([]);
  });

  it('ends a session silent for 90 s when its heartbeat finally arrives (409)', async () => {
    const s = await scene();
    const session = await startMonitoring(s.chatId, s.supCookie);
    const lastSeen = new Date(Date.now() - MONITOR_SILENCE_MS - 5000);
    await t.db
      .update(monitorSessions)
      .set({ startedAt: lastSeen, lastSeenAt: lastSeen })
      .where(eq(monitorSessions.id, session.id));
    const late = await post(`/api/monitors/${session.id}/heartbeat`, s.supCookie);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('90 s');
    const [observed, ...more] = await observedEvents(s.chatId);
    expect(more).toEqual([]);
    expect(observed!.data).toEqual({ from: lastSeen.toISOString(), to: lastSeen.toISOString() });
  });
});

describe('who sees that a chat was observed', () => {
  /** A chat that was monitored once and then flagged, so the flag comes after the observation. */
  async function observedThenFlagged(s: Awaited<ReturnType<typeof scene>>) {
    const session = await startMonitoring(s.chatId, s.supCookie);
    expect((await post(`/api/monitors/${session.id}/end`, s.supCookie)).statusCode).toBe(204);
    expect((await post(`/api/chats/${s.chatId}/flag`, s.agentCookie)).statusCode).toBe(200);
  }

  const typesIn = (items: TimelineItem[]) =>
    items.flatMap((item) => (item.kind === 'event' ? [item.type] : []));

  it('shows the observed event in the timeline to supervisors and admins, not to the agent', async () => {
    const s = await scene();
    await observedThenFlagged(s);
    const forAgent = await get(`/api/chats/${s.chatId}/timeline`, s.agentCookie);
    expect(forAgent.statusCode).toBe(200);
    expect(typesIn(forAgent.json().items)).toContain('flagged');
    expect(typesIn(forAgent.json().items)).not.toContain('observed');
    for (const cookie of [s.supCookie, s.otherSupCookie, s.adminCookie]) {
      const items = (await get(`/api/chats/${s.chatId}/timeline`, cookie)).json().items;
      expect(typesIn(items)).toContain('observed');
    }
    // Paging never counts a hidden event: a page of one is the flag, then the rest.
    const first = (await get(`/api/chats/${s.chatId}/timeline?limit=1`, s.agentCookie)).json();
    expect(typesIn(first.items)).toEqual(['flagged']);
  });

  it('keeps the observation out of History for everyone but supervisors, even once closed', async () => {
    const s = await scene();
    const session = await startMonitoring(s.chatId, s.supCookie);
    expect((await post(`/api/monitors/${session.id}/end`, s.supCookie)).statusCode).toBe(204);
    const customerId: string = (await get(`/api/chats/${s.chatId}`, s.supCookie)).json().customer
      .id;
    const lastEventFor = async (cookie: string) => {
      const res = await get(`/api/customers/${customerId}/history`, cookie);
      expect(res.statusCode).toBe(200);
      return res.json().items.find((i: { id: string }) => i.id === s.chatId).lastEvent.type;
    };
    expect(await lastEventFor(s.supCookie)).toBe('observed');
    expect(await lastEventFor(s.agentCookie)).toBe('assigned');
    // The closed chat's transcript is open to every colleague, the observation still is not.
    const session2 = await startMonitoring(s.chatId, s.supCookie);
    expect((await post(`/api/monitors/${session2.id}/end`, s.supCookie)).statusCode).toBe(204);
    expect((await post(`/api/chats/${s.chatId}/close`, s.agentCookie, {})).statusCode).toBe(200);
    const outsider = await makeStaff(t.db);
    const outsiderCookie = await signIn(t.app, outsider.email);
    const transcript = await get(`/api/chats/${s.chatId}/timeline`, outsiderCookie);
    expect(transcript.statusCode).toBe(200);
    expect(typesIn(transcript.json().items)).not.toContain('observed');
    expect(typesIn(transcript.json().items)).toContain('closed');
    const timeline = await get(`/api/customers/${customerId}/timeline?kinds=chat`, outsiderCookie);
    expect(timeline.statusCode).toBe(200);
    expect(JSON.stringify(timeline.json())).not.toContain('observed');
  });

  const isEvent = (type: string, chatId: string) => (f: Frame) =>
    f.type === 'event.created' && f.data.type === type && f.data.chatId === chatId;

  async function joinChat(cookie: string, chatId: string) {
    const socket = connect({ cookie });
    await socket.opened;
    await socket.next((f) => f.type === 'hello');
    socket.send({ type: 'subscribe', room: rooms.chat(chatId) });
    await socket.next((f) => f.type === 'subscribed' && f.data.room === rooms.chat(chatId));
    return socket;
  }

  it('sends the observed frame live to supervisors in the chat’s room, never to its agent', async () => {
    const s = await scene();
    const agentSocket = await joinChat(s.agentCookie, s.chatId);
    const supSocket = await joinChat(s.otherSupCookie, s.chatId);
    await observedThenFlagged(s);
    const observed = await supSocket.next(isEvent('observed', s.chatId));
    expect(observed.type === 'event.created' && observed.data.actor).toMatchObject({
      kind: 'staff',
      id: s.sup.id,
    });
    await supSocket.next(isEvent('flagged', s.chatId));
    // The flag came after the observation: once it is here, the observation was not sent.
    await agentSocket.next(isEvent('flagged', s.chatId));
    expect(agentSocket.frames.filter(isEvent('observed', s.chatId))).toEqual([]);
  });

  it('leaves the observed frame out of an agent’s resume, and keeps it in a supervisor’s', async () => {
    const s = await scene();
    const from = t.app.hub.cursor;
    await observedThenFlagged(s);
    const agentSocket = await joinChat(s.agentCookie, s.chatId);
    const supSocket = await joinChat(s.otherSupCookie, s.chatId);
    agentSocket.send({ type: 'resume', after: from });
    supSocket.send({ type: 'resume', after: from });
    await supSocket.next(isEvent('observed', s.chatId));
    await supSocket.next(isEvent('flagged', s.chatId));
    await agentSocket.next(isEvent('flagged', s.chatId));
    await agentSocket.settled();
    expect(agentSocket.frames.filter(isEvent('observed', s.chatId))).toEqual([]);
  });
});

describe('writing to the customer', () => {
  it('answers 403 to a supervisor writing in another agent’s chat; comments stay open', async () => {
    const s = await scene();
    for (const cookie of [s.supCookie, s.adminCookie]) {
      const res = await post(`/api/chats/${s.chatId}/messages`, cookie, {
        text: 'Hello from above',
        clientId: randomUUID(),
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toBe(
        'Supervisors comment on another agent’s chat; only its agent writes to the customer.',
      );
    }
    const comment = await post(`/api/chats/${s.chatId}/comments`, s.supCookie, {
      body: 'Offer the refund, please.',
    });
    expect(comment.statusCode).toBe(201);
    const own = await post(`/api/chats/${s.chatId}/messages`, s.agentCookie, {
      text: 'Hello',
      clientId: randomUUID(),
    });
    expect(own.statusCode).toBe(201);
  });

  it('answers 403 to a colleague tagged into the chat, who comments and never sees it observed', async () => {
    const s = await scene();
    const colleague = await makeStaff(t.db, { departments: [s.department.name] });
    const colleagueCookie = await signIn(t.app, colleague.email);
    await t.presence.connected(colleague.id);
    const tag = await post(`/api/chats/${s.chatId}/comments`, s.agentCookie, {
      body: 'Can you look?',
      mentions: [colleague.id],
    });
    expect(tag.statusCode).toBe(201);
    await t.presence.disconnected(colleague.id);
    const res = await post(`/api/chats/${s.chatId}/messages`, colleagueCookie, {
      text: 'Hi',
      clientId: randomUUID(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe(
      'Only the chat’s agent writes to the customer. You can comment instead.',
    );
    const session = await startMonitoring(s.chatId, s.supCookie);
    expect((await post(`/api/monitors/${session.id}/end`, s.supCookie)).statusCode).toBe(204);
    const timeline = await get(`/api/chats/${s.chatId}/timeline`, colleagueCookie);
    expect(timeline.statusCode).toBe(200);
    const types = timeline
      .json()
      .items.map((item: { kind: string; type?: string }) => item.type ?? item.kind);
    expect(types).toContain('assigned');
    expect(types).not.toContain('observed');
  });

  it('answers 403 to an agent writing in a queued chat of their department', async () => {
    const s = await scene();
    const { chatId } = await receiveInbound(quiet(), {
      channelId: s.channel.id,
      providerMessageId: `mon-${randomUUID()}`,
      from: uniquePhone(),
      text: 'Anyone?',
    });
    const res = await post(`/api/chats/${chatId}/messages`, s.agentCookie, {
      text: 'Hi',
      clientId: randomUUID(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('Take it from the queue first');
  });
});
