import type { DepartmentQueue } from '@parley/contract';
import { FlagIcon } from '../../../ui/icons.tsx';
import { hasFilters, noFilters } from '../filters.ts';
import type { DeskFilters, DeskStatusFilter } from '../filters.ts';

type Option = { id: string; name: string };

type DeskFilterBarProps = {
  filters: DeskFilters;
  departments: DepartmentQueue[];
  agents: Option[];
  onChange: (next: DeskFilters) => void;
};

const statusOptions: { value: DeskStatusFilter; label: string }[] = [
  { value: 'queued', label: 'Queued' },
  { value: 'live', label: 'Live' },
  { value: 'pending', label: 'Pending' },
];

/** A chosen id the lists do not hold (yet, or any more) still shows as chosen, not as "All". */
function withChosen(options: Option[], chosen: string | null, fallback: string): Option[] {
  if (!chosen || options.some((option) => option.id === chosen)) return options;
  return [...options, { id: chosen, name: fallback }];
}

/** Department, agent, status and "Flagged only": each change narrows the desk and the URL. */
export function DeskFilterBar({ filters, departments, agents, onChange }: DeskFilterBarProps) {
  const set = (patch: Partial<DeskFilters>) => onChange({ ...filters, ...patch });
  return (
    <div className="sup-filters" role="group" aria-label="Filters">
      <label className="sup-filters__field">
        <span className="sup-filters__label">Department</span>
        <select
          className="input sup-filters__select"
          value={filters.departmentId ?? ''}
          onChange={(event) => set({ departmentId: event.target.value || null })}
        >
          <option value="">All departments</option>
          {withChosen(departments, filters.departmentId, 'Chosen department').map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
        </select>
      </label>
      <label className="sup-filters__field">
        <span className="sup-filters__label">Agent</span>
        <select
          className="input sup-filters__select"
          value={filters.agentId ?? ''}
          onChange={(event) => set({ agentId: event.target.value || null })}
        >
          <option value="">Everyone</option>
          {withChosen(agents, filters.agentId, 'Chosen agent').map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </select>
      </label>
      <label className="sup-filters__field">
        <span className="sup-filters__label">Status</span>
        <select
          className="input sup-filters__select"
          value={filters.status ?? ''}
          onChange={(event) =>
            set({ status: (event.target.value || null) as DeskStatusFilter | null })
          }
        >
          <option value="">Any status</option>
          {statusOptions.map((status) => (
            <option key={status.value} value={status.value}>
              {status.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="sup-filters__flagged"
        aria-pressed={filters.flaggedOnly}
        onClick={() => set({ flaggedOnly: !filters.flaggedOnly })}
      >
        <FlagIcon size={13} />
        Flagged only
      </button>
      {hasFilters(filters) ? (
        <button
          type="button"
          className="button button--ghost button--sm sup-filters__clear"
          onClick={() => onChange(noFilters)}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
