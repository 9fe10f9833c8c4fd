import { useRealtimeStatus } from './useRealtime.ts';

/** Discreet on purpose: a dropped socket usually heals within seconds and needs no action. */
export function ConnectionIndicator() {
  const status = useRealtimeStatus();
  return (
    <div role="status" className="connection-indicator">
      {status === 'reconnecting' ? (
        <span className="connection-indicator__pill">
          <span className="connection-indicator__spinner" aria-hidden="true" />
          Reconnecting…
        </span>
      ) : null}
    </div>
  );
}
