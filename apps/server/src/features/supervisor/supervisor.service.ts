import type { SupervisorDesk, SupervisorDeskQuery } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { forbidden, unprocessable } from '../../errors.ts';
import { isSupervisor, type Principal, requireStaff } from '../../principal.ts';
import type { Notifier } from '../../realtime/frames.ts';
import type { Presence } from '../../realtime/presence.ts';
import {
  type DeskFilters,
  findDepartmentQueues,
  findDeskChats,
  findTeam,
} from './supervisor.repo.ts';

/** What the supervisor desk needs: the database, who is online, and the hub's wake-up. */
export type SupervisorDeps = { db: Db; presence: Presence; notifier: Notifier };

/** The most chats one desk answer carries; more matches set `truncated`. */
export const DESK_CHAT_LIMIT = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Supervisors and admins steer the floor; an agent is told so (403). */
export function requireSupervisor(principal: Principal) {
  const me = requireStaff(principal);
  if (!isSupervisor(principal))
    throw forbidden('Only supervisors and admins use the supervisor desk.');
  return me;
}

/** The query's filters, with ids that are not ids refused (422) before any SQL sees them. */
function deskFilters(query: SupervisorDeskQuery): DeskFilters {
  const wrong = (['departmentId', 'agentId'] as const)
    .filter((field) => query[field] !== undefined && !UUID.test(query[field]))
    .map((field) => ({ field, message: 'Not an id: choose from the desk’s lists.' }));
  if (wrong.length > 0) throw unprocessable('A filter names nobody we know.', wrong);
  return {
    departmentId: query.departmentId,
    agentId: query.agentId,
    status: query.status,
    flagged: query.flagged === undefined ? undefined : query.flagged === 'true',
  };
}

/**
 * The floor at a glance: open chats matching the filters (longest waiting first, at most 500),
 * each department's queue and the team with what each person carries. One query per part.
 */
export async function getDesk(
  deps: SupervisorDeps,
  principal: Principal,
  query: SupervisorDeskQuery,
): Promise<SupervisorDesk> {
  requireSupervisor(principal);
  const filters = deskFilters(query);
  const online = await deps.presence.onlineIds();
  const [chats, departments, team] = await Promise.all([
    findDeskChats(deps.db, filters, DESK_CHAT_LIMIT),
    findDepartmentQueues(deps.db, [...online], filters.departmentId),
    findTeam(deps.db, filters),
  ]);
  return {
    chats: chats.slice(0, DESK_CHAT_LIMIT),
    truncated: chats.length > DESK_CHAT_LIMIT,
    departments: departments.map((d) => ({
      id: d.id,
      name: d.name,
      queued: d.queued,
      longestWaitSince: d.longest_wait_since,
      live: d.live,
      availableAgents: d.available_agents,
    })),
    team: team.map((member) => ({
      id: member.id,
      name: member.name,
      role: member.role,
      available: member.available,
      online: online.has(member.id),
      load: member.load,
      pending: member.pending,
      capacity: member.capacity,
      departmentIds: member.department_ids ?? [],
    })),
  };
}
