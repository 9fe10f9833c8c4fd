import type { DepartmentQueue } from '@parley/contract';
import { absoluteTime } from '../../../ui/time.ts';
import { waitDuration } from '../waiting.ts';

/** One compact tile per department: who waits, for how long, who is live, who could take more. */
export function DepartmentTiles({
  departments,
  now,
}: {
  departments: DepartmentQueue[];
  now: number;
}) {
  if (departments.length === 0) return null;
  return (
    <ul className="sup-tiles" aria-label="Departments">
      {departments.map((department) => (
        <li
          key={department.id}
          className="sup-tile"
          data-waiting={department.queued > 0 || undefined}
        >
          <h2 className="sup-tile__name" title={department.name}>
            {department.name}
          </h2>
          <dl className="sup-tile__stats">
            <div className="sup-tile__stat">
              <dt>Queue</dt>
              <dd>{department.queued}</dd>
            </div>
            <div className="sup-tile__stat">
              <dt>Longest wait</dt>
              <dd>
                {department.longestWaitSince ? (
                  <time
                    dateTime={department.longestWaitSince}
                    title={`Queued since ${absoluteTime(department.longestWaitSince)}`}
                  >
                    {waitDuration(department.longestWaitSince, now)}
                  </time>
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div className="sup-tile__stat">
              <dt>Live</dt>
              <dd>{department.live}</dd>
            </div>
            <div className="sup-tile__stat">
              <dt>Available</dt>
              <dd>{department.availableAgents}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
