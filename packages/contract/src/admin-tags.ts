import { z } from 'zod';
import { personNameProblem } from './text.ts';

export const MAX_TAG_NAME = 50;

/** Why a wrap-up tag name cannot be used, or undefined when it can (after trimming). */
export function tagNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'Give the tag a name.';
  if (name.length > MAX_TAG_NAME) return `At most ${MAX_TAG_NAME} characters.`;
  return personNameProblem(name);
}

export const WrapUpTag = z.object({ id: z.string(), name: z.string() }).meta({ id: 'WrapUpTag' });
export type WrapUpTag = z.infer<typeof WrapUpTag>;

export const WrapUpTagList = z.object({ items: z.array(WrapUpTag) }).meta({ id: 'WrapUpTagList' });
export type WrapUpTagList = z.infer<typeof WrapUpTagList>;

/** Length and name rules answer 422 with the field named; only types are checked here. */
export const TagCreateBody = z
  .strictObject({
    name: z.string().max(1000).describe(`1–${MAX_TAG_NAME} characters, unique ignoring case`),
  })
  .meta({ id: 'TagCreateBody' });
export type TagCreateBody = z.infer<typeof TagCreateBody>;
