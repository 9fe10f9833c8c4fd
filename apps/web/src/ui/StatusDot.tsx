export type StatusTone = 'green' | 'amber' | 'red' | 'blue' | 'grey';

/** Colour is never the only signal: always render a word beside the dot. */
export function StatusDot({ tone }: { tone: StatusTone }) {
  return <span className={`status-dot status-dot--${tone}`} aria-hidden="true" />;
}
