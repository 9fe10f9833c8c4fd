import { z } from 'zod';

/** RFC 9457 problem details: every error the API answers has this shape. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('One entry per rejected field'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;
