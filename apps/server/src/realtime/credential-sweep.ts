import type { Role } from '@parley/contract';
import type { StaffPrincipal } from '../principal.ts';

/** Who a live credential belongs to now, as a request's principal would say. */
export type CredentialState = { staffId: string; role: Role; departmentIds: string[] };

/**
 * Answers, in one query, which of these sessions and API tokens are still live, with their owner's
 * role and departments now; anything missing from the answer has ended. The auth feature supplies
 * it (features/auth/credential-check.ts), so the hub need not know what makes a credential live.
 */
export type CredentialCheck = (ask: {
  sessionIds: string[];
  tokenIds: string[];
}) => Promise<{ sessions: Map<string, CredentialState>; tokens: Map<string, CredentialState> }>;

/** Which of these web-chat widget sessions still live; the widget feature supplies it. */
export type WidgetSessionCheck = (ids: string[]) => Promise<Set<string>>;

type Holder = { principal: StaffPrincipal | undefined; widgetSessionId?: string | undefined };

export type SweepOptions<H extends Holder> = {
  check: CredentialCheck;
  /** Without it, a widget socket ends only when its session's end is published. */
  checkWidgets?: WidgetSessionCheck | undefined;
  holders: () => Iterable<H>;
  /** The credential ended: close the socket. */
  end: (holder: H) => void;
  /** The credential lives but its owner's role or departments changed. */
  changed: (holder: H, now: CredentialState) => Promise<void>;
};

const sameAccess = (principal: StaffPrincipal, now: CredentialState) =>
  principal.staffId === now.staffId &&
  principal.role === now.role &&
  [...principal.departmentIds].sort().join() === [...now.departmentIds].sort().join();

/**
 * Re-checks the credentials behind open sockets: periodically for all of them at once (a session
 * or token can end without a bus message: expiry, or a command line without Redis), and for one
 * socket before it subscribes or resumes.
 */
export function createCredentialSweep<H extends Holder>(opts: SweepOptions<H>) {
  /** Widget sockets whose session was deleted or went idle (no bus message says so). */
  async function verifyWidgets(list: H[], live: Set<H>) {
    const ids = new Set<string>();
    for (const holder of list) if (holder.widgetSessionId) ids.add(holder.widgetSessionId);
    if (!opts.checkWidgets || ids.size === 0) return;
    const found = await opts.checkWidgets([...ids]);
    for (const holder of list) {
      if (!holder.widgetSessionId) continue;
      if (found.has(holder.widgetSessionId)) live.add(holder);
      else opts.end(holder);
    }
  }

  async function verify(list: H[]): Promise<Set<H>> {
    const live = new Set<H>();
    await verifyWidgets(list, live);
    const sessionIds = new Set<string>();
    const tokenIds = new Set<string>();
    for (const holder of list) {
      if (holder.principal?.sessionId) sessionIds.add(holder.principal.sessionId);
      else if (holder.principal?.tokenId) tokenIds.add(holder.principal.tokenId);
    }
    if (sessionIds.size + tokenIds.size === 0) return live;
    const found = await opts.check({ sessionIds: [...sessionIds], tokenIds: [...tokenIds] });
    for (const holder of list) {
      const principal = holder.principal;
      if (!principal) continue;
      const now = principal.sessionId
        ? found.sessions.get(principal.sessionId)
        : principal.tokenId
          ? found.tokens.get(principal.tokenId)
          : undefined;
      if (!now || now.staffId !== principal.staffId) {
        opts.end(holder);
        continue;
      }
      if (!sameAccess(principal, now)) await opts.changed(holder, now);
      live.add(holder);
    }
    return live;
  }

  let running: Promise<unknown> | undefined;
  return {
    /** Every socket on this node, in one query; a sweep still running is not started twice. */
    sweep(): Promise<unknown> {
      running ??= verify([...opts.holders()]).finally(() => (running = undefined));
      return running;
    },
    /** One socket's credential; false when it has ended (and the socket is being closed). */
    async verifyOne(holder: H): Promise<boolean> {
      if (!holder.principal && !holder.widgetSessionId) return true;
      return (await verify([holder])).has(holder);
    },
  };
}
