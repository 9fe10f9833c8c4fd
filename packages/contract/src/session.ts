import { z } from 'zod';
import { Me } from './staff.ts';

export const SignInBody = z
  .object({
    email: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(1024),
  })
  .meta({ id: 'SignInBody' });
export type SignInBody = z.infer<typeof SignInBody>;

export const SignInReply = z.object({ user: Me }).meta({ id: 'SignInReply' });
export type SignInReply = z.infer<typeof SignInReply>;

/**
 * What an API token may do, on top of what its owner may: `read` any GET the owner may see,
 * `chats:write` chat actions, messages, comments, transfers and tickets, `customers:write`
 * profiles and notes, `admin` the admin routes. No scope lets a token manage tokens or staff.
 */
export const TokenScope = z.enum(['read', 'chats:write', 'customers:write', 'admin']);
export type TokenScope = z.infer<typeof TokenScope>;

export const ApiTokenCreateBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(TokenScope)
      .min(1)
      .max(TokenScope.options.length)
      .refine((s) => new Set(s).size === s.length, 'each scope once'),
    /** When the token stops working; null never expires. */
    expiresAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'ApiTokenCreateBody' });
export type ApiTokenCreateBody = z.infer<typeof ApiTokenCreateBody>;

export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(TokenScope),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

/** Returned once, at creation: the secret itself is stored only as a hash. */
export const ApiTokenCreated = ApiToken.extend({ token: z.string() }).meta({
  id: 'ApiTokenCreated',
});
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;
export const ApiTokenList = z.object({ items: z.array(ApiToken) }).meta({ id: 'ApiTokenList' });

/**
 * Whether the desk still needs its first admin (no staff account exists yet). Public, and says
 * nothing more: once anyone exists it answers false for good.
 */
export const SetupStatus = z
  .object({
    needed: z.boolean(),
    command: z
      .string()
      .optional()
      .describe('When needed: the operator command that creates the first admin'),
  })
  .meta({ id: 'SetupStatus' });
export type SetupStatus = z.infer<typeof SetupStatus>;
