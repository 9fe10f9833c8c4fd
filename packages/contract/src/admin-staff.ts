import { z } from 'zod';
import { Department, Role } from './staff.ts';

/** A staff member as the Admin area's Staff page lists them. */
export const AdminStaff = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: Role,
    departments: z.array(Department),
    capacity: z.number().int().min(1).max(100),
    status: z.object({
      online: z.boolean().describe('Signed in with a live connection'),
      available: z.boolean(),
      deactivated: z.boolean().describe('Cannot sign in; history is kept'),
    }),
    lastSignInAt: z.string().nullable(),
  })
  .meta({ id: 'AdminStaff' });
export type AdminStaff = z.infer<typeof AdminStaff>;

export const AdminStaffList = z
  .object({ items: z.array(AdminStaff) })
  .meta({ id: 'AdminStaffList' });
export type AdminStaffList = z.infer<typeof AdminStaffList>;

export const AdminStaffQuery = z.object({
  q: z.string().max(200).optional().describe('Part of a name or email, ignoring case'),
});

/**
 * A one-time link that lets its owner choose a password: shown to the admin once (no mail is
 * sent unless SMTP_URL is set), valid 72 hours, usable once. The web opens it at `/set-password/{token}`.
 */
export const SetPasswordLink = z
  .object({
    setPasswordUrl: z.string(),
    expiresAt: z.string(),
    mailedTo: z
      .string()
      .optional()
      .describe('Present when the link was also sent by mail (SMTP_URL is set)'),
  })
  .meta({ id: 'SetPasswordLink' });
export type SetPasswordLink = z.infer<typeof SetPasswordLink>;

/** Field rules answer 422 with the field named; only types are checked here. */
export const StaffCreateBody = z
  .strictObject({
    name: z.string().max(1000),
    email: z.string().max(1000),
    role: Role,
    departmentIds: z.array(z.string().max(100)).max(100).default([]),
    capacity: z.number().int().optional().describe('1–100 live chats at once; 5 if not given'),
  })
  .meta({ id: 'StaffCreateBody' });
export type StaffCreateBody = z.input<typeof StaffCreateBody>;

export const StaffCreated = AdminStaff.extend({ setPasswordLink: SetPasswordLink }).meta({
  id: 'StaffCreated',
});
export type StaffCreated = z.infer<typeof StaffCreated>;

export const StaffPatchBody = z
  .strictObject({
    name: z.string().max(1000).optional(),
    role: Role.optional(),
    departmentIds: z.array(z.string().max(100)).max(100).optional(),
    departments: z
      .array(z.string().max(100))
      .max(100)
      .optional()
      .describe('Department ids; the same as departmentIds (both may not be given)'),
    capacity: z.number().int().optional().describe('1–100'),
  })
  .meta({ id: 'StaffPatchBody' });
export type StaffPatchBody = z.infer<typeof StaffPatchBody>;

export const SetPasswordInfo = z
  .object({ email: z.string(), name: z.string() })
  .meta({ id: 'SetPasswordInfo' });
export type SetPasswordInfo = z.infer<typeof SetPasswordInfo>;

/** The one password rule, told to people before they type and enforced by the server (422). */
export const MIN_PASSWORD_LENGTH = 10;

export const SetPasswordBody = z
  .strictObject({ password: z.string().max(1024) })
  .meta({ id: 'SetPasswordBody' });
export type SetPasswordBody = z.infer<typeof SetPasswordBody>;
