import type { SupervisorDeskQuery } from '@parley/contract';

export type DeskStatusFilter = NonNullable<SupervisorDeskQuery['status']>;

/** What the desk is narrowed to; kept in the page's URL so a reload or a shared link keeps it. */
export type DeskFilters = {
  departmentId: string | null;
  agentId: string | null;
  status: DeskStatusFilter | null;
  flaggedOnly: boolean;
};

export const noFilters: DeskFilters = {
  departmentId: null,
  agentId: null,
  status: null,
  flaggedOnly: false,
};

const statuses: readonly DeskStatusFilter[] = ['queued', 'live', 'pending'];

const isStatus = (value: string | null): value is DeskStatusFilter =>
  statuses.includes(value as DeskStatusFilter);

/** Reads the filters from a URL query (`departmentId=…&flagged=true`); unknown values are ignored. */
export function readFilters(search: string): DeskFilters {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  return {
    departmentId: params.get('departmentId') || null,
    agentId: params.get('agentId') || null,
    status: isStatus(status) ? status : null,
    flaggedOnly: params.get('flagged') === 'true',
  };
}

/** The same names the API reads, so the page's query is the request's query. */
export function deskQueryString(filters: DeskFilters): string {
  const params = new URLSearchParams();
  if (filters.departmentId) params.set('departmentId', filters.departmentId);
  if (filters.agentId) params.set('agentId', filters.agentId);
  if (filters.status) params.set('status', filters.status);
  if (filters.flaggedOnly) params.set('flagged', 'true');
  return params.toString();
}

/** A path with the filters kept, for links between the desk and the chats opened from it. */
export function withFilters(path: string, filters: DeskFilters): string {
  const query = deskQueryString(filters);
  return query ? `${path}?${query}` : path;
}

export function hasFilters(filters: DeskFilters): boolean {
  return deskQueryString(filters) !== '';
}
