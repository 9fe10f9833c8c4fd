import { z } from 'zod';

export const Role = z.enum(['admin', 'supervisor', 'agent']);
export type Role = z.infer<typeof Role>;

export const Department = z.object({ id: z.string(), name: z.string() }).meta({ id: 'Department' });
export type Department = z.infer<typeof Department>;

export const StaffSummary = z
  .object({ id: z.string(), name: z.string(), role: Role })
  .meta({ id: 'StaffSummary' });
export type StaffSummary = z.infer<typeof StaffSummary>;

/** A colleague as the staff list and presence frames show them. */
export const StaffPresence = StaffSummary.extend({
  available: z.boolean(),
  online: z.boolean(),
}).meta({ id: 'StaffPresence' });
export type StaffPresence = z.infer<typeof StaffPresence>;

export const StaffList = z.object({ items: z.array(StaffPresence) }).meta({ id: 'StaffList' });
export type StaffList = z.infer<typeof StaffList>;

export const StaffListQuery = z.object({
  online: z.enum(['true', 'false']).optional().describe('Only staff who are (or are not) online'),
});

export const Me = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: Role,
    departments: z.array(Department),
    available: z.boolean(),
    capacity: z.number().int().min(1).max(100),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

/**
 * Whether this browser is signed in, answered 200 either way: the desk asks on every load, and a
 * signed-out visitor is not an error (GET /api/me answers 401 for them).
 */
export const SessionState = z.object({ user: Me.nullable() }).meta({ id: 'SessionState' });
export type SessionState = z.infer<typeof SessionState>;

export const AvailabilityBody = z
  .object({ available: z.boolean() })
  .meta({ id: 'AvailabilityBody' });
export type AvailabilityBody = z.infer<typeof AvailabilityBody>;
