import { randomUUID } from 'node:crypto';
import type { SupervisorDesk } from '@parley/contract';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { staff } from '../../db/schema.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { receiveInbound } from '../chats/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const quiet = () => ({ db: t.db, notifier: { wake: () => undefined }, presence: t.presence });
const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
const post = (url: string, cookie: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });

/** A customer writes in on the channel; nobody is online, so the chat waits in the queue. */
async function customerWrites(channelId: string, text = 'Hello?') {
  const { chatId } = await receiveInbound(quiet(), {
    channelId,
    providerMessageId: `sd-${randomUUID()}`,
    from: uniquePhone(),
    text,
  });
  return chatId;
}

/**
 * A department's floor, in the order the customers wrote: `waiting` live with Amy and not yet
 * answered, `answered` live and answered, `pending` pending (it was never answered), `queued`
 * and `flagged` waiting in the queue, the second one flagged, and a closed chat. Amy is
 * available and online, Ben available but offline, Cleo online but not available; a deactivated
 * agent and an admin belong to the department too.
 */
async function floor() {
  const { channel, department } = await makeChannel(t.db);
  const dept = [department.name];
  const amy = await makeStaff(t.db, { departments: dept, name: 'Amy Agent' });
  const ben = await makeStaff(t.db, { departments: dept, name: 'Ben Agent' });
  const cleo = await makeStaff(t.db, { departments: dept, name: 'Cleo Agent' });
  const gone = await makeStaff(t.db, { departments: dept, name: 'Gone Agent' });
  const admin = await makeStaff(t.db, { role: 'admin', departments: dept });
  const sup = await makeStaff(t.db, { role: 'supervisor', name: 'Sam Supervisor' });
  const supCookie = await signIn(t.app, sup.email);
  const amyCookie = await signIn(t.app, amy.email);

  const waiting = await customerWrites(channel.id);
  const answered = await customerWrites(channel.id);
  const pending = await customerWrites(channel.id);
  const queued = await customerWrites(channel.id);
  const flagged = await customerWrites(channel.id);
  const closed = await customerWrites(channel.id);
  for (const id of [waiting, answered, pending, closed])
    expect((await post(`/api/chats/${id}/assign`, supCookie, { agentId: amy.id })).statusCode).toBe(
      200,
    );
  const reply = await post(`/api/chats/${answered}/messages`, amyCookie, {
    text: 'On it',
    clientId: 'a1',
  });
  expect(reply.statusCode).toBe(201);
  expect((await post(`/api/chats/${pending}/pending`, amyCookie)).statusCode).toBe(200);
  expect((await post(`/api/chats/${flagged}/flag`, supCookie)).statusCode).toBe(200);
  expect((await post(`/api/chats/${closed}/close`, amyCookie, {})).statusCode).toBe(200);

  // Availability is set in the table so no queue pass hands the queued chats to Amy.
  await t.db
    .update(staff)
    .set({ available: true })
    .where(sql`${staff.id} in (${amy.id}, ${ben.id})`);
  await t.db.update(staff).set({ disabledAt: new Date() }).where(eq(staff.id, gone.id));
  await t.presence.connected(amy.id);
  await t.presence.connected(cleo.id);
  return {
    channel,
    department,
    amy,
    ben,
    cleo,
    gone,
    admin,
    sup,
    supCookie,
    amyCookie,
    chats: { waiting, answered, pending, queued, flagged, closed },
  };
}

type Floor = Awaited<ReturnType<typeof floor>>;
let f: Floor;
beforeAll(async () => {
  f = await floor();
});

async function desk(query: string, cookie = f.supCookie): Promise<SupervisorDesk> {
  const res = await get(`/api/supervisor/desk${query}`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The desk's chats of this floor, in the desk's order, by their names in `f.chats`. */
const names = (d: SupervisorDesk) => {
  const byId = new Map(Object.entries(f.chats).map(([name, id]) => [id, name]));
  return d.chats.flatMap((chat) => (byId.has(chat.id) ? [byId.get(chat.id)!] : []));
};

describe('GET /api/supervisor/desk', () => {
  it('refuses agents (403) and ids that are not ids (422)', async () => {
    const res = await get('/api/supervisor/desk', f.amyCookie);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toContain('supervisors');
    const bad = await get('/api/supervisor/desk?departmentId=sales&agentId=x', f.supCookie);
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['agentId', 'departmentId']);
    expect((await get('/api/supervisor/desk?status=closed', f.supCookie)).statusCode).toBe(400);
    expect((await get('/api/supervisor/desk', '')).statusCode).toBe(401);
  });

  it('lists open chats longest waiting first; answered and pending chats wait for nobody', async () => {
    const d = await desk(`?departmentId=${f.department.id}`);
    // Pending was never answered and wrote before `queued`, yet pending never ranks as waiting.
    expect(names(d)).toEqual(['waiting', 'queued', 'flagged', 'answered', 'pending']);
    expect(d.chats).toHaveLength(5);
    expect(d.truncated).toBe(false);
    const waiting = d.chats[0]!;
    expect(waiting).toMatchObject({
      status: 'live',
      assignee: { id: f.amy.id, name: 'Amy Agent' },
      department: { id: f.department.id },
      transfer: null,
    });
    expect(waiting.waitingSince).not.toBeNull();
    expect(d.chats.find((c) => c.id === f.chats.answered)!.waitingSince).toBeNull();
    // Pending waits on the customer: no waiting clock, its own since-time instead.
    const pending = d.chats.find((c) => c.id === f.chats.pending)!;
    expect(pending.waitingSince).toBeNull();
    expect(Date.parse(pending.pendingSince!)).toBeGreaterThan(Date.parse(pending.createdAt));
    expect(waiting.pendingSince).toBeUndefined();
  });

  it('shows an admin the desk too, never a closed chat', async () => {
    const d = await desk('', await signIn(t.app, f.admin.email));
    expect(d.chats.every((c) => c.status !== 'closed')).toBe(true);
    expect(d.departments.map((x) => x.id)).toContain(f.department.id);
    // Other tests' chats share the database: Amy's alone show the order without a department.
    const amys = await desk(`?agentId=${f.amy.id}`, await signIn(t.app, f.admin.email));
    expect(names(amys)).toEqual(['waiting', 'answered', 'pending']);
  });

  it('filters by status, agent and flag, each alone', async () => {
    const dept = `departmentId=${f.department.id}`;
    expect(names(await desk(`?${dept}&status=queued`))).toEqual(['queued', 'flagged']);
    expect(names(await desk(`?${dept}&status=live`))).toEqual(['waiting', 'answered']);
    expect(names(await desk(`?${dept}&status=pending`))).toEqual(['pending']);
    expect(names(await desk(`?agentId=${f.amy.id}`))).toEqual(['waiting', 'answered', 'pending']);
    expect(names(await desk('?flagged=true'))).toEqual(['flagged']);
    expect(names(await desk(`?${dept}&flagged=false`))).toEqual([
      'waiting',
      'queued',
      'answered',
      'pending',
    ]);
    const other = await makeChannel(t.db);
    expect((await desk(`?departmentId=${other.department.id}`)).chats).toEqual([]);
  });

  it('combines filters', async () => {
    expect(names(await desk(`?agentId=${f.amy.id}&status=live`))).toEqual(['waiting', 'answered']);
    expect(
      names(await desk(`?departmentId=${f.department.id}&status=queued&flagged=true`)),
    ).toEqual(['flagged']);
    expect(names(await desk(`?agentId=${f.amy.id}&flagged=true`))).toEqual([]);
    expect(names(await desk(`?agentId=${f.ben.id}&departmentId=${f.department.id}`))).toEqual([]);
  });

  it('counts each department’s queue, longest wait, live chats and available agents', async () => {
    const d = await desk(`?departmentId=${f.department.id}`);
    expect(d.departments).toHaveLength(1);
    const queuedAt = d.chats.find((c) => c.id === f.chats.queued)!;
    expect(d.departments[0]).toEqual({
      id: f.department.id,
      name: f.department.name,
      queued: 2,
      longestWaitSince: expect.any(String),
      live: 2,
      // Amy alone: Ben is offline, Cleo not available, the deactivated agent gone.
      availableAgents: 1,
    });
    // The queue's longest wait is the oldest queued chat's, here the customer's first message.
    expect(Date.parse(d.departments[0]!.longestWaitSince!)).toBe(
      Date.parse(queuedAt.waitingSince!),
    );
    const empty = await makeChannel(t.db);
    const all = await desk('');
    expect(all.departments.find((x) => x.id === empty.department.id)).toEqual({
      id: empty.department.id,
      name: empty.department.name,
      queued: 0,
      longestWaitSince: null,
      live: 0,
      availableAgents: 0,
    });
    expect(all.departments.find((x) => x.id === f.department.id)?.queued).toBe(2);
  });

  it('leaves archived departments out', async () => {
    const { department } = await makeChannel(t.db);
    await t.db.execute(sql`update departments set archived_at = now() where id = ${department.id}`);
    const all = await desk('');
    expect(all.departments.map((x) => x.id)).not.toContain(department.id);
  });

  it('shows the team with each person’s load, pending chats and availability', async () => {
    const d = await desk(`?departmentId=${f.department.id}`);
    // Members of the department only: no admin, no deactivated agent, no supervisor from outside.
    expect(d.team.map((m) => m.name)).toEqual(['Amy Agent', 'Ben Agent', 'Cleo Agent']);
    expect(d.team[0]).toEqual({
      id: f.amy.id,
      name: 'Amy Agent',
      role: 'agent',
      available: true,
      online: true,
      load: 2,
      pending: 1,
      capacity: 5,
      departmentIds: [f.department.id],
    });
    expect(d.team[1]).toMatchObject({ available: true, online: false, load: 0, pending: 0 });
    expect(d.team[2]).toMatchObject({ available: false, online: true, load: 0 });
    const all = await desk('');
    const ids = all.team.map((m) => m.id);
    expect(ids).toContain(f.sup.id);
    expect(ids).not.toContain(f.admin.id);
    expect(ids).not.toContain(f.gone.id);
    expect(all.team.find((m) => m.id === f.sup.id)).toMatchObject({
      role: 'supervisor',
      departmentIds: [],
    });
    const one = await desk(`?agentId=${f.amy.id}`);
    expect(one.team.map((m) => m.id)).toEqual([f.amy.id]);
  });

  it('sends at most 500 chats and says when more matched', async () => {
    const { channel, department } = await makeChannel(t.db);
    const prefix = `+1${randomUUID().slice(0, 8)}`;
    await t.db.execute(sql`
      with fresh as (
        insert into customers (phone)
        select ${prefix} || lpad(g::text, 4, '0') from generate_series(1, 501) g
        returning id
      )
      insert into chats (customer_id, channel_id, department_id, status, queued_at, awaiting_reply_since)
      select id, ${channel.id}, ${department.id}, 'queued', now(), now() from fresh`);
    const d = await desk(`?departmentId=${department.id}`);
    expect(d.chats).toHaveLength(500);
    expect(d.truncated).toBe(true);
    expect(d.departments[0]!.queued).toBe(501);
    const live = await desk(`?departmentId=${department.id}&status=live`);
    expect(live).toMatchObject({ chats: [], truncated: false });
    // Other test files share the database: the crowd leaves the queue.
    await t.db.execute(
      sql`update chats set status = 'closed', closed_at = now(), queued_at = null
          where department_id = ${department.id}`,
    );
  });
});
