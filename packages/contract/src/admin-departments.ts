import { z } from 'zod';
import { StaffSummary } from './staff.ts';
import { personNameProblem } from './text.ts';

export const MAX_DEPARTMENT_NAME = 100;

/** Why a department name cannot be used, or undefined when it can (after trimming). */
export function departmentNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'Give the department a name.';
  if (name.length > MAX_DEPARTMENT_NAME) return `At most ${MAX_DEPARTMENT_NAME} characters.`;
  return personNameProblem(name);
}

export const AdminDepartment = z
  .object({
    id: z.string(),
    name: z.string(),
    archived: z.boolean().describe('Archived departments take no new chats and route nothing'),
    members: z.array(StaffSummary).describe('Active staff who belong to it'),
    channelCount: z.number().int().describe('Channels that route to it'),
  })
  .meta({ id: 'AdminDepartment' });
export type AdminDepartment = z.infer<typeof AdminDepartment>;

export const AdminDepartmentList = z
  .object({ items: z.array(AdminDepartment) })
  .meta({ id: 'AdminDepartmentList' });
export type AdminDepartmentList = z.infer<typeof AdminDepartmentList>;

/** Length and name rules answer 422 with the field named; only types are checked here. */
export const DepartmentCreateBody = z
  .strictObject({
    name: z
      .string()
      .max(1000)
      .describe(`1–${MAX_DEPARTMENT_NAME} characters, unique ignoring case`),
  })
  .meta({ id: 'DepartmentCreateBody' });
export type DepartmentCreateBody = z.infer<typeof DepartmentCreateBody>;

export const DepartmentPatchBody = z
  .strictObject({
    name: z.string().max(1000).optional(),
    archived: z
      .boolean()
      .optional()
      .describe('Archiving is refused (409) while a channel routes to the department'),
    memberIds: z
      .array(z.string().max(100))
      .max(1000)
      .optional()
      .describe('Replaces the members: ids of active staff'),
  })
  .meta({ id: 'DepartmentPatchBody' });
export type DepartmentPatchBody = z.infer<typeof DepartmentPatchBody>;
