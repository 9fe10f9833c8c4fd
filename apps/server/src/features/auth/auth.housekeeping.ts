import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { deleteIdleSessions } from './sessions.repo.ts';
import { pruneFailures } from './sign-in-throttle.service.ts';

/** Forgets expired sessions and old sign-in failures every few minutes; returns the stopper. */
export function startAuthHousekeeping(db: Db, log: FastifyBaseLogger, everyMs = 10 * 60_000) {
  const timer = setInterval(() => {
    Promise.all([deleteIdleSessions(db), pruneFailures(db)]).catch((err: unknown) =>
      log.error({ err }, 'auth housekeeping failed'),
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
