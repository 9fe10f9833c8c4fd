import type { Db } from '../../db/client.ts';
import { type Principal, systemPrincipal } from '../../principal.ts';
import { type EmitFrame, transact } from '../../realtime/frames.ts';
import { actorOf } from './chat-events.service.ts';
import { assignChatTransition, returnToQueueTransition } from './chat-lifecycle.service.ts';
import type { ChatRow } from './chats.repo.ts';
import type { ChatServiceDeps } from './chats.service.ts';
import {
  type AgentLoad,
  findDeactivatedAgentsHoldingChats,
  findLastAgentId,
  findReplyTimedOutAgent,
  lockAvailableAgents,
  lockOldestQueuedChat,
  lockOpenChatsOf,
} from './routing.repo.ts';

/** Who gets the chat: the customer's last agent if they have room, else the least busy. */
export function pickAgent(
  candidates: AgentLoad[],
  lastAgentId: string | null,
): AgentLoad | undefined {
  const withRoom = candidates.filter((c) => c.load < c.capacity);
  const last = withRoom.find((c) => c.id === lastAgentId);
  if (last) return last;
  return [...withRoom].sort(
    (a, b) =>
      a.load / a.capacity - b.load / b.capacity || a.load - b.load || a.id.localeCompare(b.id),
  )[0];
}

/**
 * The agent a chat just went back to the queue from for not answering (reply timeout), when
 * someone else has room: they are skipped for this chat. When nobody else has room the chat may
 * go back to them rather than wait (ADR 14).
 */
async function agentToSkip(tx: Db, chat: ChatRow, candidates: AgentLoad[]) {
  if (candidates.filter((c) => c.load < c.capacity).length < 2) return null;
  return findReplyTimedOutAgent(tx, chat.id);
}

/**
 * Offers a queued chat (row locked) to an agent with room; leaves it queued when nobody has.
 * Answers whether someone took it.
 */
export async function routeQueuedChat(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  online: Set<string>,
): Promise<boolean> {
  const locked = await lockAvailableAgents(tx, chat.departmentId, online);
  const skip = await agentToSkip(tx, chat, locked);
  const candidates = skip ? locked.filter((c) => c.id !== skip) : locked;
  const agent = pickAgent(candidates, await findLastAgentId(tx, chat.customerId));
  if (!agent) return false;
  await assignChatTransition(tx, emit, chat, { agent, by: { kind: 'system' } });
  return true;
}

/**
 * Serves the queues in arrival order for as long as someone has room. Each chat is taken with
 * SKIP LOCKED, so nodes draining together never take the same chat twice.
 */
export async function drainQueues(
  deps: { db: Db; transact: <T>(fn: (tx: Db, emit: EmitFrame) => Promise<T>) => Promise<T> },
  online: Set<string>,
  departmentId?: string,
): Promise<number> {
  let assigned = 0;
  const skipped = new Set<string>();
  for (let round = 0; round < 1000; round++) {
    const result = await deps.transact(async (tx, emit) => {
      const chat = await lockOldestQueuedChat(tx, { departmentId, skippedDepartmentIds: skipped });
      if (!chat) return 'empty' as const;
      const done = await routeQueuedChat(tx, emit, chat, online);
      if (!done) skipped.add(chat.departmentId);
      return done ? ('assigned' as const) : ('full' as const);
    });
    if (result === 'empty') break;
    if (result === 'assigned') assigned++;
    // PGlite does not yield between queries: let sockets breathe between chats.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return assigned;
}

/** After capacity frees up (a close, an agent coming online), the queue moves. */
export async function serveQueue(deps: ChatServiceDeps) {
  const online = await deps.presence.onlineIds();
  await drainQueues({ db: deps.db, transact: (fn) => transact(deps, fn) }, online);
}

/**
 * Sends every open chat (live or pending, flagged ones too) of an agent who can no longer serve
 * (deactivated) back to the queue, inside the caller's transaction: each leaves them with an
 * `unassigned` event and a frame that commit with the change that made them unable to serve, so no
 * crash can leave a chat held by someone who can no longer answer it. Answers how many went back;
 * the caller serves the queue after its commit when any did.
 */
export async function returnAgentChatsInTransaction(
  tx: Db,
  emit: EmitFrame,
  agentId: string,
  by: Principal,
): Promise<number> {
  const open = await lockOpenChatsOf(tx, agentId);
  for (const chat of open)
    await returnToQueueTransition(tx, emit, chat, { by: actorOf(by), reason: 'agent_deactivated' });
  return open.length;
}

/** The same in a transaction of its own, then the queue is served so colleagues take them. */
export async function returnAgentChatsToQueue(
  deps: ChatServiceDeps,
  agentId: string,
  by: Principal,
): Promise<number> {
  const returned = await transact(deps, (tx, emit) =>
    returnAgentChatsInTransaction(tx, emit, agentId, by),
  );
  if (returned > 0) await serveQueue(deps);
  return returned;
}

/**
 * Heals what older versions could leave behind: open chats still held by a deactivated agent (a
 * crash between the deactivation and the chats' return) go back to the queue, one agent per
 * transaction, and the queue is served. Run at start-up; answers how many chats went back.
 */
export async function returnChatsOfDeactivatedAgents(deps: ChatServiceDeps): Promise<number> {
  let returned = 0;
  for (const agentId of await findDeactivatedAgentsHoldingChats(deps.db))
    returned += await transact(deps, (tx, emit) =>
      returnAgentChatsInTransaction(tx, emit, agentId, systemPrincipal('deactivated agent')),
    );
  if (returned > 0) await serveQueue(deps);
  return returned;
}
