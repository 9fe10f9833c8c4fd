import { ErrorState } from '../../../ui/ErrorState.tsx';

type Loading = {
  isPending: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => unknown;
};

/**
 * The conversation pane before its chat or ticket has loaded: a quiet header skeleton, or what
 * went wrong with a Retry. `what` names it: "chat", "ticket".
 */
export function ConversationUnloaded({
  what,
  label,
  query,
}: {
  what: string;
  label: string;
  query: Loading;
}) {
  return (
    <section className="pane conversation" aria-label={label}>
      {query.isPending ? (
        <div className="conversation__header" role="status" aria-label={`Loading the ${what}`}>
          <span className="skeleton skeleton--line" style={{ width: 180 }} />
        </div>
      ) : (
        <ErrorState
          title={`Couldn't open this ${what}.`}
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      )}
    </section>
  );
}
