import type { FastifyRequest } from 'fastify';
import { AppError, tooManyRequests } from '../../errors.ts';
import type { LimitRule, RateLimiter } from '../../http/rate-limiter.ts';

const FAILURES: LimitRule = { name: 'signature-failures', limit: 30, windowMs: 5 * 60_000 };

const refused = (err: unknown) =>
  err instanceof AppError && (err.status === 401 || err.status === 403);

/**
 * Holds off an address that keeps failing a channel's signature or verify token. Counted per
 * channel id (as given, so unknown ids behave as known ones do) and address: one guesser, or one
 * proxy address shared with a provider, cannot hold off anyone else's requests.
 */
export function createSignatureGuard(limiter: RateLimiter) {
  const keyOf = (request: FastifyRequest) => {
    const { channelId } = request.params as { channelId: string };
    return `${channelId}\n${request.ip}`;
  };
  const holdOff = (wait: number) =>
    tooManyRequests(
      wait,
      'Too many failed signatures for this channel from this address. Wait, then retry.',
    );
  return {
    /**
     * Signed notifications: the signature is checked first and a correct one is always served,
     * even from an address over the limit, so a provider is never held off by someone else's
     * failures. Past the limit a failure answers 429 instead of 401. An HMAC cannot be guessed,
     * so this only spares the server and the logs.
     */
    async judge<T>(request: FastifyRequest, run: () => Promise<T>): Promise<T> {
      try {
        return await run();
      } catch (err) {
        if (!refused(err)) throw err;
        // Checked and counted in one step, so parallel failures cannot all slip by.
        const wait = await limiter.take([[FAILURES, keyOf(request)]]);
        if (wait !== undefined) throw holdOff(wait);
        throw err;
      }
    },
    /**
     * The verify handshake: its token is chosen by a person and might be guessed, so every try
     * is counted before it is checked and an address over the limit is not answered at all.
     * Meta's handshake comes from its own address, which a guesser elsewhere cannot exhaust.
     */
    async countFirst<T>(request: FastifyRequest, run: () => Promise<T>): Promise<T> {
      const wait = await limiter.take([[FAILURES, keyOf(request)]]);
      if (wait !== undefined) throw holdOff(wait);
      return run();
    },
  };
}
