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

export const ApiTokenCreateBody = z
  .object({ name: z.string().trim().min(1).max(100) })
  .meta({ id: 'ApiTokenCreateBody' });

export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

/** Returned once, at creation: the secret itself is stored only as a hash. */
export const ApiTokenCreated = ApiToken.extend({ token: z.string() }).meta({
  id: 'ApiTokenCreated',
});
export const ApiTokenList = z.object({ items: z.array(ApiToken) }).meta({ id: 'ApiTokenList' });
