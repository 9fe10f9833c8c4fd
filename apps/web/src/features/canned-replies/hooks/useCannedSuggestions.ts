import { fillPlaceholders } from '@parley/contract';
import type { CannedReply, PlaceholderValues } from '@parley/contract';
import { useCallback, useState } from 'react';
import { useCannedReplies } from './useCannedReplies.ts';

/** What a composer needs to offer canned replies after `/`; built by the pane around it. */
export type CannedSuggestions = {
  replies: readonly CannedReply[] | undefined;
  state: 'loading' | 'error' | 'ready';
  /** Starts loading the replies (the first `/` typed), so opening a chat costs nothing. */
  want: () => void;
  retry: () => void;
  /** The reply's text with this chat's customer and this agent filled in. */
  fill: (reply: CannedReply) => string;
};

export function useCannedSuggestions(values: PlaceholderValues): CannedSuggestions {
  const [wanted, setWanted] = useState(false);
  const query = useCannedReplies(wanted);
  const { customer, agent } = values;
  const fill = useCallback(
    (reply: CannedReply) =>
      fillPlaceholders(reply.body, {
        customer: { name: customer.name, phone: customer.phone },
        agent: { name: agent.name },
      }),
    [customer.name, customer.phone, agent.name],
  );
  return {
    replies: query.data,
    state: query.data ? 'ready' : query.isError ? 'error' : 'loading',
    want: useCallback(() => setWanted(true), []),
    retry: () => void query.refetch(),
    fill,
  };
}
