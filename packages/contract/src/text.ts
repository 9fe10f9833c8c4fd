import { z } from 'zod';

/**
 * Controls that reorder the text around them. In a name they make "Thandi<RLO>gnp.exe" show as
 * "Thandiexe.png" and can flip how a whole desk line reads, so names refuse them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Characters that draw nothing: spaces, format characters (zero-width, BOM), fillers, the
 * grapheme joiner and variation selectors.
 */
const INVISIBLE =
  /[\s\p{Cf}\p{Zs}\u115F\u1160\u2800\u3164\uFFA0]|\u034F|\u17B4|\u17B5|\p{Variation_Selector}/gu;

/** Why a person's name cannot be used, or undefined when it can. */
export function personNameProblem(name: string): string | undefined {
  if (new RegExp(BIDI_CONTROLS.source, 'u').test(name))
    return 'Remove the text-direction control characters (U+202A–U+202E, U+2066–U+2069).';
  if (name.replace(INVISIBLE, '') === '') return 'Use a name with visible letters.';
  return undefined;
}

/**
 * What a provider's name for a sender becomes: the direction controls dropped and the rest kept,
 * or undefined when nothing visible remains. Providers are not refused, their text is cleaned.
 */
export function cleanProviderName(name: string | undefined): string | undefined {
  const kept = name?.replace(BIDI_CONTROLS, '').trim();
  return kept && personNameProblem(kept) === undefined ? kept.slice(0, 100) : undefined;
}

/**
 * A person's name (staff, customer, web-chat visitor), 1–100 characters. Breaking the name rule
 * is a 422, not a 400: the issue carries `params.unprocessable` for the server's error handler.
 */
export const PersonName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .superRefine((name, ctx) => {
    const problem = personNameProblem(name);
    if (problem)
      ctx.addIssue({ code: 'custom', message: problem, params: { unprocessable: true } });
  });
