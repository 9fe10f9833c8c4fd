import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { webhookUrlProblem } from '@parley/contract';

/**
 * Addresses a webhook must not reach unless the operator allows it: loopback, private networks,
 * link-local (cloud metadata lives at 169.254.169.254), carrier-grade NAT, unspecified. A URL an
 * admin types could otherwise make the server call its own neighbours.
 */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  if (kind === 6) {
    const lower = address.toLowerCase();
    // IPv4-mapped, written dotted or (as URL parsing leaves it) in hex: judge the IPv4 address.
    const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
    if (dotted) return isPrivateAddress(dotted);
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
    if (hex) {
      const high = parseInt(hex[1]!, 16);
      const low = parseInt(hex[2]!, 16);
      return isPrivateAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
    }
    // Everything else under ::/8 is loopback, unspecified or an obsolete embedding of IPv4.
    return lower.startsWith('::') || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
  }
  return false;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

const isLocalName = (host: string) =>
  host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local');

/** Why this URL cannot be subscribed, or undefined when it can. */
export function webhookUrlRefusal(raw: string, allowPrivateTargets: boolean): string | undefined {
  const problem = webhookUrlProblem(raw);
  if (problem || allowPrivateTargets) return problem;
  const host = hostOf(new URL(raw));
  if (isLocalName(host) || isPrivateAddress(host))
    return 'This points at a private or local address, which this server does not call.';
  return undefined;
}

/**
 * Checked again before each send, on the addresses the name resolves to now: a public name can
 * be pointed at a private address after it was subscribed.
 */
export async function privateTargetRefusal(raw: string): Promise<string | undefined> {
  const host = hostOf(new URL(raw));
  if (isLocalName(host) || isPrivateAddress(host))
    return 'The URL points at a private or local address.';
  if (isIP(host)) return undefined;
  const addresses = await lookup(host, { all: true });
  return addresses.some((a) => isPrivateAddress(a.address))
    ? `${host} resolves to a private or local address.`
    : undefined;
}
