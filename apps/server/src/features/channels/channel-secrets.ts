import { type ChannelSecretName, SECRET_GRACE_HOURS } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { type CachedChannel, findChannel } from '../chats/index.ts';
import { type ChannelSecretRow, insertSecretRows } from './channel-secrets.repo.ts';
import { hashSecret, matchesHash, openSecret, sealSecret } from '../../secret-box.ts';

export const SECRET_GRACE_MS = SECRET_GRACE_HOURS * 60 * 60 * 1000;

/** Only ever compared, never used: kept as a hash rather than sealed. */
const HASHED: ReadonlySet<string> = new Set<ChannelSecretName>(['verifyToken']);

/** One secret as the server can use it: plaintext (or the hash, for hashed ones). */
export type OpenSecret = {
  current: string;
  previous: string | null;
  previousValidUntil: Date | null;
};
export type OpenSecrets = Partial<Record<ChannelSecretName, OpenSecret>>;

/** Seals (or hashes) a value for storage in its channel's row of that name. */
export function protectSecret(channelId: string, name: ChannelSecretName, value: string): string {
  return HASHED.has(name) ? hashSecret(value) : sealSecret(value, { owner: channelId, name });
}

export async function storeChannelSecrets(
  db: Db,
  channelId: string,
  values: Partial<Record<ChannelSecretName, string>>,
): Promise<void> {
  await insertSecretRows(
    db,
    Object.entries(values).flatMap(([name, value]) =>
      value === undefined
        ? []
        : [
            {
              channelId,
              name,
              current: protectSecret(channelId, name as ChannelSecretName, value),
            },
          ],
    ),
  );
}

function openRows(channelId: string, rows: ChannelSecretRow[]): OpenSecrets {
  const open: OpenSecrets = {};
  for (const row of rows) {
    const name = row.name as ChannelSecretName;
    const reveal = (value: string) =>
      HASHED.has(name) ? value : openSecret(value, { owner: channelId, name });
    open[name] = {
      current: reveal(row.current),
      previous: row.previous === null ? null : reveal(row.previous),
      previousValidUntil: row.previousValidUntil,
    };
  }
  return open;
}

const opened = new WeakMap<CachedChannel, OpenSecrets>();

/** The channel's secrets, opened once per cache entry: the inbound path must not decrypt per message. */
export function secretsOf(channel: CachedChannel): OpenSecrets {
  let secrets = opened.get(channel);
  if (!secrets) opened.set(channel, (secrets = openRows(channel.id, channel.secretRows)));
  return secrets;
}

export type OpenChannel = CachedChannel & { secrets: OpenSecrets };

/** A channel from the short cache with its secrets opened, or undefined for an unknown id. */
export async function openChannel(db: Db, id: string): Promise<OpenChannel | undefined> {
  const channel = await findChannel(db, id);
  return channel && { ...channel, secrets: secretsOf(channel) };
}

/** The values accepted now: the current one, and the one it replaced while its grace lasts. */
export function acceptedSecrets(
  secrets: OpenSecrets,
  name: ChannelSecretName,
  now: number = Date.now(),
): string[] {
  const secret = secrets[name];
  if (!secret) return [];
  const inGrace =
    secret.previous !== null &&
    secret.previousValidUntil !== null &&
    secret.previousValidUntil.getTime() > now;
  return inGrace ? [secret.current, secret.previous!] : [secret.current];
}

/** Whether a presented value matches a hashed secret's current or (in grace) previous hash. */
export function matchesHashedSecret(
  secrets: OpenSecrets,
  name: ChannelSecretName,
  value: string,
  now: number = Date.now(),
): boolean {
  // Every accepted hash is compared, so the time taken does not say which one matched.
  return acceptedSecrets(secrets, name, now)
    .map((hash) => matchesHash(value, hash))
    .some(Boolean);
}
