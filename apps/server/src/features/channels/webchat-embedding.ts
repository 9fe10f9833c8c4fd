import type { Db } from '../../db/client.ts';
import { parseChannelSettings } from './channel-settings.ts';
import { findChannel } from './channels.repo.ts';

/**
 * Undefined for a disabled web chat, whose page answers 404. Otherwise the origins an admin allowed to frame a web-chat channel's widget page (settings.allowedOrigins),
 * as CSP sources; none for an unknown channel, another kind or broken settings. Any other site
 * framing the page could overlay it and trick a visitor into typing into it.
 */
export async function findWidgetEmbedders(
  db: Db,
  channelId: string,
): Promise<string[] | undefined> {
  const channel = await findChannel(db, channelId);
  if (!channel || channel.kind !== 'webchat') return [];
  if (!channel.enabled) return undefined;
  const parsed = parseChannelSettings('webchat', channel.settings);
  if (!parsed.ok) return [];
  // Settings hold URLs; a CSP source must be a bare origin, never text that could end a directive.
  const origins = parsed.settings.allowedOrigins.flatMap((url) => {
    const origin = new URL(url).origin;
    return origin === 'null' ? [] : [origin];
  });
  return [...new Set(origins)];
}
