import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.ts';
import { allowFramingBy } from './security-headers.ts';

/**
 * Serves the built web console on the same origin as the API, and answers every other unknown
 * path: the console's index for a browser navigating to a desk route, problem+json otherwise.
 */
export async function registerWeb(
  app: FastifyInstance,
  webRoot: string | undefined,
  /** Undefined for a disabled web chat, whose page is then 404. */
  opts: { widgetEmbedders: (channelId: string) => Promise<string[] | undefined> },
) {
  const hasWeb = webRoot !== undefined && existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each asset (apps/web/vite.config.ts): sent as they
      // are to browsers that accept them, with Content-Encoding and Vary set.
      preCompressed: true,
      setHeaders(res, filePath) {
        // Hashed assets never change; index.html must always be fresh.
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  // The customer's web-chat widget: its own small page, not the desk.
  const hasWidget = hasWeb && webRoot !== undefined && existsSync(path.join(webRoot, 'chat.html'));
  app.get<{ Params: { channelId: string } }>(
    '/chat/:channelId',
    { schema: { hide: true } },
    async (request, reply) => {
      if (!hasWidget) return sendProblem(reply, 404, 'The web chat page is not built.');
      const embedders = await opts.widgetEmbedders(request.params.channelId.slice(0, 200));
      if (!embedders) return sendProblem(reply, 404, 'This chat is not available.');
      allowFramingBy(reply, embedders);
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('chat.html');
    },
  );
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (hasWeb && isPage) {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return sendProblem(reply, 404, `No route for ${request.method} ${request.url.split('?')[0]}.`);
  });
}
