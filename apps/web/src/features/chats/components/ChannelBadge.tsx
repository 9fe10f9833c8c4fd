import type { Chat } from '@parley/contract';
import { channelLabels } from '../format.ts';

/** The channel as a short word ("WA", "SMS", "Web"), its full name on hover. */
export function ChannelBadge({ channel }: { channel: Chat['channel'] }) {
  const label = channelLabels[channel.kind];
  return (
    <span
      className="channel-badge"
      data-kind={channel.kind}
      title={`${label.long} · ${channel.name}`}
    >
      {label.short}
    </span>
  );
}
