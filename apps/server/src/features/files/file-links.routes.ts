import { Problem } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as links from './file-links.service.ts';
import type { FileStore } from './file-store.ts';
import type { Db } from '../../db/client.ts';

/**
 * A sent file behind a signed, expiring link (signed-links.ts), for receivers that fetch it
 * themselves: the webhook channel's attachments, MMS media. No sign-in; the signature is the key.
 */
export const fileLinkRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore }> = async (
  app,
  deps,
) => {
  app.get(
    '/api/files/:id',
    {
      schema: {
        tags: ['attachments'],
        summary:
          'A sent file through a signed link (24 h); 403 when the signature is wrong or expired',
        params: z.object({ id: z.string().max(100) }),
        querystring: z.object({
          expires: z.string().max(20).optional(),
          signature: z.string().max(200).optional(),
        }),
        response: {
          200: z.unknown().describe('The file, always as a download'),
          403: Problem,
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const file = await links.openLinkedFile(deps, request.params.id, request.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.size))
        .header('content-disposition', links.contentDisposition(file.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .send(file.body);
    },
  );
};
