type ListSkeletonProps = {
  rows?: number;
  /** Two lines per row for chat-like lists, one for compact lists such as the team. */
  lines?: 1 | 2;
  label: string;
};

export function ListSkeleton({ rows = 6, lines = 2, label }: ListSkeletonProps) {
  return (
    <div className="skeleton-list" role="status" aria-label={label} aria-busy="true">
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="skeleton-row" aria-hidden="true">
          <span
            className="skeleton skeleton--line"
            style={{ width: `${70 - ((index * 13) % 30)}%` }}
          />
          {lines === 2 ? (
            <span className="skeleton skeleton--line skeleton--short" style={{ width: '40%' }} />
          ) : null}
        </div>
      ))}
    </div>
  );
}
