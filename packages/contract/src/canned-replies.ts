import { z } from 'zod';
import { StaffSummary } from './staff.ts';
import { personNameProblem } from './text.ts';

export const MAX_CANNED_TITLE = 80;
export const MAX_CANNED_BODY = 4000;
export const MAX_CANNED_SHORTCUT = 30;
/** How many personal replies one person keeps, and how many shared ones the desk keeps. */
export const MAX_PERSONAL_CANNED_REPLIES = 200;
export const MAX_SHARED_CANNED_REPLIES = 500;

const SHORTCUT = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

/** Why a title cannot be used (after trimming), or undefined when it can. */
export function cannedTitleProblem(title: string): string | undefined {
  if (title.length === 0) return 'Give the reply a title.';
  if (title.length > MAX_CANNED_TITLE) return `At most ${MAX_CANNED_TITLE} characters.`;
  const problem = personNameProblem(title);
  return problem?.startsWith('Use a name') ? 'Use a title with visible letters.' : problem;
}

/** Why a body cannot be used (after trimming), or undefined when it can. */
export function cannedBodyProblem(body: string): string | undefined {
  if (body.length === 0) return 'Write the reply first.';
  if (body.length > MAX_CANNED_BODY) return `At most ${MAX_CANNED_BODY} characters.`;
  if (/[\u202A-\u202E\u2066-\u2069]/u.test(body))
    return 'Remove the text-direction control characters (U+202A–U+202E, U+2066–U+2069).';
  return undefined;
}

/** Why a shortcut cannot be used (after trimming; empty means none), or undefined when it can. */
export function cannedShortcutProblem(shortcut: string): string | undefined {
  if (shortcut.length > MAX_CANNED_SHORTCUT) return `At most ${MAX_CANNED_SHORTCUT} characters.`;
  if (shortcut !== '' && !SHORTCUT.test(shortcut))
    return 'Letters, digits, - and _ only, starting with a letter or digit.';
  return undefined;
}

export const CannedReply = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    shortcut: z.string().nullable(),
    shared: z.boolean(),
    /** Whether the caller may edit or delete it: the owner, or supervisors and admins if shared. */
    canEdit: z.boolean(),
    createdBy: StaffSummary.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CannedReply' });
export type CannedReply = z.infer<typeof CannedReply>;

export const CannedReplyList = z
  .object({ items: z.array(CannedReply) })
  .meta({ id: 'CannedReplyList' });
export type CannedReplyList = z.infer<typeof CannedReplyList>;

export const CannedReplyQuery = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .describe('Only replies whose title, body or shortcut contain this, ignoring case'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PERSONAL_CANNED_REPLIES + MAX_SHARED_CANNED_REPLIES)
    .default(50),
});

/** Length and text rules answer 422 with the field named; only types are checked here. */
export const CannedReplyCreateBody = z
  .strictObject({
    title: z.string().max(10_000).describe(`1–${MAX_CANNED_TITLE} characters`),
    body: z
      .string()
      .max(100_000)
      .describe(
        `1–${MAX_CANNED_BODY} characters; {{customer.name}}, {{customer.firstName}}, ` +
          '{{customer.phone}}, {{agent.name}} and {{agent.firstName}} are filled in when inserted',
      ),
    shared: z
      .boolean()
      .default(false)
      .describe('Shared with everyone: supervisors and admins only'),
    shortcut: z
      .string()
      .max(1000)
      .nullable()
      .optional()
      .describe(`Typed after / to find it; up to ${MAX_CANNED_SHORTCUT} letters, digits, - or _`),
  })
  .meta({ id: 'CannedReplyCreateBody' });
export type CannedReplyCreateBody = z.input<typeof CannedReplyCreateBody>;

export const CannedReplyPatchBody = z
  .strictObject({
    title: z.string().max(10_000).optional(),
    body: z.string().max(100_000).optional(),
    shortcut: z.string().max(1000).nullable().optional(),
  })
  .meta({ id: 'CannedReplyPatchBody' });
export type CannedReplyPatchBody = z.infer<typeof CannedReplyPatchBody>;

/** What the placeholders of a canned reply are filled with. */
export type PlaceholderValues = {
  customer: { name: string | null; phone: string | null };
  agent: { name: string };
};

const firstName = (name: string) => name.trim().split(/\s+/u)[0] ?? '';

/** The placeholders a reply may hold; the web fills them when the reply is inserted. */
export const CANNED_PLACEHOLDERS = [
  'customer.name',
  'customer.firstName',
  'customer.phone',
  'agent.name',
  'agent.firstName',
] as const;

/**
 * The reply's text with its placeholders filled. A customer with no name yet is "there" (so
 * "Hi {{customer.firstName}}" reads "Hi there"); unknown placeholders stay as typed, visible for
 * the agent to fix before sending.
 */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  const customerName = values.customer.name?.trim() || null;
  const fills: Record<string, string> = {
    'customer.name': customerName ?? 'there',
    'customer.firstName': customerName ? firstName(customerName) : 'there',
    'customer.phone': values.customer.phone ?? '',
    'agent.name': values.agent.name.trim(),
    'agent.firstName': firstName(values.agent.name),
  };
  return body.replace(/\{\{\s*([A-Za-z.]+)\s*\}\}/gu, (whole, key: string) =>
    Object.hasOwn(fills, key) ? fills[key]! : whole,
  );
}
