import { Problem } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import { notFound } from '../../errors.ts';
import type { Principal } from '../../principal.ts';
import type { Db } from '../../db/client.ts';
import { DownloadQuery, FileBytes } from './download-query.ts';
import { findAttachmentRow, openDownload } from './downloads.service.ts';
import type { FileStore } from './file-store.ts';

export type DownloadRouteDeps = {
  db: Db;
  files: FileStore;
  /** Throws 404 unless the principal may see the chat (the chats feature's check, passed in). */
  viewChat(principal: Principal, chatId: string): Promise<unknown>;
};

const params = z.object({ id: z.string() });

/** Staff download a chat's files; whoever may not see the chat learns nothing (404). */
export const downloadRoutes: FastifyPluginAsyncZod<DownloadRouteDeps> = async (app, deps) => {
  app.get(
    '/api/attachments/:id',
    {
      schema: {
        tags: ['attachments'],
        summary: 'Stream a file to whoever may see its chat (inline only for raster pictures)',
        params,
        querystring: DownloadQuery,
        response: {
          200: FileBytes,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const row = await findAttachmentRow(deps.db, request.params.id);
      // A widget visitor's upload not sent yet belongs to no chat: nobody on staff sees it.
      if (row.chatId === null) throw notFound('No such file.');
      await deps.viewChat(principal, row.chatId);
      // An upload not sent yet is its uploader's alone.
      if (
        row.messageId === null &&
        (principal.kind !== 'staff' || principal.staffId !== row.uploadedByStaffId)
      )
        throw notFound('No such file.');
      const download = await openDownload(deps.files, row, request.query.variant);
      return reply.headers(download.headers).send(download.body);
    },
  );
};
