import type { ChannelSecretName } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import {
  clearLegacySecrets,
  findAllSecretRows,
  findLegacyChannels,
  replaceSecretValues,
} from './channel-secrets.repo.ts';
import { storeChannelSecrets } from './channel-secrets.ts';
import { openSecret, sealedWithOldKey, sealSecret } from '../../secret-box.ts';

/** Where each kind kept its secrets in plaintext, before they were sealed. */
const legacyNames: Record<string, ChannelSecretName[]> = {
  webhook: [],
  whatsapp: ['appSecret', 'accessToken', 'verifyToken'],
  webchat: ['identitySecret'],
};

/**
 * Start-up, after migrations: seals any plaintext secret left by an older version (the
 * `channels.secret` column and secret keys in `settings`) and removes the plaintext, then re-seals
 * values sealed under a previous key. Idempotent: a value already stored is kept, so running it
 * again, or on a second node at the same time, changes nothing more.
 */
export async function sealLegacySecrets(db: Db): Promise<{ sealed: number; resealed: number }> {
  return db.transaction(async (tx) => {
    let sealed = 0;
    for (const channel of await findLegacyChannels(tx)) {
      const settings = (channel.settings ?? {}) as Record<string, unknown>;
      const values: Partial<Record<ChannelSecretName, string>> = {};
      if (channel.kind === 'webhook' && channel.secret) values.secret = channel.secret;
      for (const name of legacyNames[channel.kind] ?? []) {
        const value = settings[name];
        if (typeof value === 'string' && value !== '') values[name] = value;
      }
      await storeChannelSecrets(tx, channel.id, values);
      await clearLegacySecrets(tx, channel.id);
      sealed++;
    }
    let resealed = 0;
    for (const row of await findAllSecretRows(tx)) {
      const old = (value: string | null) => value !== null && sealedWithOldKey(value);
      if (!old(row.current) && !old(row.previous)) continue;
      const context = { owner: row.channelId, name: row.name };
      const reseal = (value: string) => sealSecret(openSecret(value, context), context);
      await replaceSecretValues(tx, {
        channelId: row.channelId,
        name: row.name,
        current: old(row.current) ? reseal(row.current) : row.current,
        previous: row.previous !== null && old(row.previous) ? reseal(row.previous) : row.previous,
      });
      resealed++;
    }
    return { sealed, resealed };
  });
}
