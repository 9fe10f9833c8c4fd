import { z } from 'zod';
import { Chat } from './chats.ts';
import { StaffSummary } from './staff.ts';

/** `GET /api/supervisor/desk` filters; all optional. Supervisors and admins only (else 403). */
export const SupervisorDeskQuery = z.object({
  departmentId: z.string().max(100).optional(),
  agentId: z.string().max(100).optional(),
  status: z.enum(['queued', 'live', 'pending']).optional(),
  flagged: z.enum(['true', 'false']).optional().describe('true: only flagged chats'),
});
export type SupervisorDeskQuery = z.infer<typeof SupervisorDeskQuery>;

/** A department's queue at a glance. */
export const DepartmentQueue = z
  .object({
    id: z.string(),
    name: z.string(),
    queued: z.number().int(),
    /** When the longest-waiting queued chat joined the queue; null with an empty queue. */
    longestWaitSince: z.string().nullable(),
    live: z.number().int(),
    availableAgents: z.number().int(),
  })
  .meta({ id: 'DepartmentQueue' });
export type DepartmentQueue = z.infer<typeof DepartmentQueue>;

/** A member of the team with what they carry now. */
export const TeamMember = StaffSummary.extend({
  available: z.boolean(),
  online: z.boolean(),
  load: z.number().int().describe('Live chats held now'),
  pending: z.number().int(),
  capacity: z.number().int(),
  departmentIds: z.array(z.string()),
}).meta({ id: 'TeamMember' });
export type TeamMember = z.infer<typeof TeamMember>;

/**
 * The floor: every queued, live and pending chat that matches (oldest waiting first, at most
 * 500), each department's queue, and the team with each person's load and availability.
 */
export const SupervisorDesk = z
  .object({
    departments: z.array(DepartmentQueue),
    chats: z.array(Chat),
    team: z.array(TeamMember),
    truncated: z.boolean().describe('More chats matched than were sent: narrow the filters'),
  })
  .meta({ id: 'SupervisorDesk' });
export type SupervisorDesk = z.infer<typeof SupervisorDesk>;

/**
 * `POST /api/chats/{id}/monitor` → 201: a supervisor watching a chat read-only. Keep it alive
 * with `POST /api/monitors/{id}/heartbeat` (every 30 s; a session not seen for 90 s ends by
 * itself) and end it with `POST /api/monitors/{id}/end`. Each session becomes one `observed`
 * event `{from, to}` in the chat's timeline, which only supervisors and admins see.
 */
export const MonitorSession = z
  .object({ id: z.string(), chatId: z.string(), startedAt: z.string() })
  .meta({ id: 'MonitorSession' });
export type MonitorSession = z.infer<typeof MonitorSession>;
