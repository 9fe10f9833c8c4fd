import { z } from 'zod';
import { StaffSummary } from './staff.ts';

/** Who made an admin change: a person, or the command line and the system itself. */
export const AuditActor = z
  .union([StaffSummary, z.object({ kind: z.literal('system') })])
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
});
