import { z } from 'zod';
import { StaffSummary } from './staff.ts';

/**
 * Who made an admin change: a person (with the API token they used, if any), or the command line
 * and the system itself (with why, when known).
 */
export const AuditActor = z
  .union([
    StaffSummary.extend({
      token: z
        .object({ id: z.string(), name: z.string() })
        .optional()
        .describe('The API token the person acted with; absent when they used the desk'),
    }),
    z.object({
      kind: z.literal('system'),
      reason: z.string().optional().describe('e.g. "operator command line"'),
    }),
  ])
  .meta({ id: 'AuditActor' });
export type AuditActor = z.infer<typeof AuditActor>;

export const AuditEvent = z
  .object({
    id: z.string(),
    actor: AuditActor,
    action: z.string().describe('What was done, e.g. department.created'),
    object: z.object({ kind: z.string(), id: z.string() }),
    before: z.unknown().describe('The object before the change (null when created); no secrets'),
    after: z.unknown().describe('The object after the change (null when deleted); no secrets'),
    at: z.string(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditPage = z
  .object({ items: z.array(AuditEvent), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditPageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  objectKind: z
    .string()
    .max(50)
    .optional()
    .describe('Only changes to this kind of object, e.g. department, tag, settings'),
  actor: z
    .union([z.uuid(), z.literal('system')])
    .optional()
    .describe('Only what this staff member (an id) or the system did'),
});
