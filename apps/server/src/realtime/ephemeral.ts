import { EPHEMERAL_SEQ, type ServerFrameMap, type ServerFrameType } from '@parley/contract';
import type { StaffPrincipal } from '../principal.ts';

/**
 * A frame that only matters now (someone is typing): delivered live to the sockets in its rooms,
 * on this node at once and on the others through the bus, and never written to
 * `realtime_frames`, so a resume never replays it. It leaves with `seq` 0 (EPHEMERAL_SEQ), which
 * clients never take as a resume point.
 */
export type EphemeralFrame = {
  type: 'typing';
  data: ServerFrameMap['typing'];
  rooms: string[];
  /** Deliver only to readers the rule registered for this kind of frame allows (comments). */
  ruleOf?: ServerFrameType | undefined;
};

/** Who sent a client message: a staff socket (principal) or a customer's widget (session). */
export type EphemeralSender = {
  principal: StaffPrincipal | undefined;
  widgetSessionId: string | undefined;
  rooms: ReadonlySet<string>;
};

/**
 * Registered by a feature: what a `typing` message from this sender becomes, checked exactly as
 * writing to that chat is. Nothing (an empty list) when the sender may not.
 */
export type TypingAuthorizer = (
  sender: EphemeralSender,
  chatId: string,
  comment: boolean,
) => Promise<EphemeralFrame[]>;

export const ephemeralText = (frame: EphemeralFrame) =>
  JSON.stringify({ seq: EPHEMERAL_SEQ, type: frame.type, data: frame.data });

/** At most one typing message per chat and kind per second from one socket; the rest are dropped. */
export function createTypingLimit(minGapMs = 1000) {
  const last = new Map<string, number>();
  return (key: string, now = Date.now()): boolean => {
    const before = last.get(key);
    if (before !== undefined && now - before < minGapMs) return false;
    if (last.size > 100) last.clear();
    last.set(key, now);
    return true;
  };
}
