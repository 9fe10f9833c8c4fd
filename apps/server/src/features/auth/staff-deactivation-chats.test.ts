import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chats, events, staff } from '../../db/schema.ts';
import {
  makeChannel,
  makeStaff,
  staffPrincipal,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { auditRowsOf } from '../audit/admin.test-support.ts';
import { receiveInbound, returnChatsOfDeactivatedAgents } from '../chats/index.ts';
import { deactivateStaffByAdmin } from './staff-access.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const quiet = () => ({ db: t.db, presence: t.presence, notifier: { wake: () => undefined } });

/** An available, online agent of a fresh department holding `n` live chats. */
async function agentWithChats(n: number) {
  const { channel, department } = await makeChannel(t.db);
  const agent = await makeStaff(t.db, { departments: [department.name] });
  await t.db.update(staff).set({ available: true }).where(eq(staff.id, agent.id));
  await t.presence.connected(agent.id);
  const chatIds: string[] = [];
  for (let i = 0; i < n; i++)
    chatIds.push(
      (
        await receiveInbound(quiet(), {
          channelId: channel.id,
          providerMessageId: `held-${randomUUID()}`,
          from: uniquePhone(),
          text: 'hello',
        })
      ).chatId,
    );
  const held = await t.db.select().from(chats).where(eq(chats.assigneeId, agent.id));
  expect(held).toHaveLength(n);
  // Offline now: nobody else in the department, so returned chats stay queued where we see them.
  await t.presence.disconnected(agent.id);
  return { agent, chatIds };
}

const chatRow = async (id: string) => (await t.db.select().from(chats).where(eq(chats.id, id)))[0];
const unassignedOf = (chatId: string) =>
  t.db
    .select()
    .from(events)
    .where(and(eq(events.chatId, chatId), eq(events.type, 'unassigned')));

describe('deactivation returns the agent’s chats in its own transaction', () => {
  it('a failure right after the commit (here: the bus) still leaves no chat with them', async () => {
    const admin = await makeStaff(t.db, { role: 'admin' });
    const { agent, chatIds } = await agentWithChats(2);
    const woken: unknown[] = [];
    const deps = {
      ...quiet(),
      notifier: { wake: (frames?: unknown[]) => void woken.push(...(frames ?? [])) },
      bus: {
        publish: () => Promise.reject(new Error('the process died here')),
        subscribe: () => () => undefined,
      } as unknown as TestApp['bus'],
    };
    await expect(
      deactivateStaffByAdmin(deps, staffPrincipal(admin.id, 'admin'), agent.id),
    ).rejects.toThrow('the process died here');
    for (const chatId of chatIds) {
      expect(await chatRow(chatId)).toMatchObject({ status: 'queued', assigneeId: null });
      const [unassigned] = await unassignedOf(chatId);
      expect(unassigned).toMatchObject({
        actorStaffId: admin.id,
        data: { from: agent.id, reason: 'agent_deactivated' },
      });
    }
    // The frames committed with it and the hubs were woken with them after the commit.
    expect(woken.map((f) => (f as { type: string }).type)).toContain('chat.updated');
    expect((await auditRowsOf(t.db, agent.id)).map((r) => r.action)).toEqual(['staff.deactivated']);
  });

  it('rolls back with the deactivation: a refused deactivation returns nothing', async () => {
    const { agent, chatIds } = await agentWithChats(1);
    // The agent deactivating themselves is refused (409) before anything changes.
    await expect(
      deactivateStaffByAdmin(quiet(), staffPrincipal(agent.id, 'admin'), agent.id),
    ).rejects.toThrow(/your own account/);
    expect(await chatRow(chatIds[0]!)).toMatchObject({ status: 'live', assigneeId: agent.id });
    expect(await unassignedOf(chatIds[0]!)).toEqual([]);
  });
});

describe('the start-up sweep', () => {
  it('sends chats still held by an agent deactivated earlier back to the queue, once', async () => {
    const { agent, chatIds } = await agentWithChats(2);
    await t.db.update(chats).set({ status: 'pending' }).where(eq(chats.id, chatIds[1]!));
    // What an interrupted deactivation of an older version left: the account off, chats held.
    await t.db.update(staff).set({ disabledAt: new Date() }).where(eq(staff.id, agent.id));
    const woken: { type: string; data: unknown }[] = [];
    const deps = {
      ...quiet(),
      notifier: { wake: (f?: typeof woken) => void woken.push(...(f ?? [])) },
    };

    expect(await returnChatsOfDeactivatedAgents(deps)).toBeGreaterThanOrEqual(2);
    for (const chatId of chatIds) {
      expect(await chatRow(chatId)).toMatchObject({ status: 'queued', assigneeId: null });
      const unassigned = await unassignedOf(chatId);
      expect(unassigned).toHaveLength(1);
      expect(unassigned[0]).toMatchObject({
        actorStaffId: null,
        data: { from: agent.id, reason: 'agent_deactivated' },
      });
    }
    // Each return announced its chat to the screens, after its commit.
    for (const chatId of chatIds)
      expect(
        woken.some((f) => f.type === 'chat.updated' && (f.data as { id: string }).id === chatId),
      ).toBe(true);
    // Nothing left to heal: a second sweep changes nothing.
    await returnChatsOfDeactivatedAgents(quiet());
    for (const chatId of chatIds) expect(await unassignedOf(chatId)).toHaveLength(1);
  });

  it('leaves the chats of active agents alone', async () => {
    const { agent, chatIds } = await agentWithChats(1);
    await returnChatsOfDeactivatedAgents(quiet());
    expect(await chatRow(chatIds[0]!)).toMatchObject({ status: 'live', assigneeId: agent.id });
  });
});
