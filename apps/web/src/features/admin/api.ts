import {
  AdminDepartment,
  AdminDepartmentList,
  AdminStaffList,
  ApiTokenCreated,
  ApiTokenList,
  AuditPage,
  Settings,
  WrapUpTag,
  WrapUpTagList,
} from '@parley/contract';
import type { ApiTokenCreateBody, DepartmentPatchBody, SettingsUpdateBody } from '@parley/contract';
import { http, httpNoContent } from '../../app/http.ts';

export const adminQueryKeys = {
  departments: ['admin', 'departments'] as const,
  tags: ['admin', 'tags'] as const,
  settings: ['admin', 'settings'] as const,
  tokens: ['admin', 'tokens'] as const,
  audit: (objectKind: string, actor = '') => ['admin', 'audit', objectKind, actor] as const,
  auditActors: ['admin', 'audit', 'actors'] as const,
};

type Signal = { signal?: AbortSignal };

export async function fetchDepartments({ signal }: Signal = {}) {
  return (await http('/api/admin/departments', { parse: AdminDepartmentList, signal })).items;
}

export function createDepartment(name: string) {
  return http('/api/admin/departments', {
    method: 'POST',
    body: { name },
    parse: AdminDepartment,
  });
}

export function updateDepartment(id: string, patch: DepartmentPatchBody) {
  return http(`/api/admin/departments/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: patch,
    parse: AdminDepartment,
  });
}

export async function fetchTags({ signal }: Signal = {}) {
  return (await http('/api/admin/tags', { parse: WrapUpTagList, signal })).items;
}

export function createTag(name: string) {
  return http('/api/admin/tags', { method: 'POST', body: { name }, parse: WrapUpTag });
}

export function deleteTag(id: string) {
  return httpNoContent(`/api/admin/tags/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function fetchSettings({ signal }: Signal = {}) {
  return http('/api/admin/settings', { parse: Settings, signal });
}

export function saveSettings(changes: SettingsUpdateBody) {
  return http('/api/admin/settings', { method: 'PUT', body: changes, parse: Settings });
}

export async function fetchTokens({ signal }: Signal = {}) {
  return (await http('/api/admin/tokens', { parse: ApiTokenList, signal })).items;
}

export function createToken(body: ApiTokenCreateBody) {
  return http('/api/admin/tokens', { method: 'POST', body, parse: ApiTokenCreated });
}

export function revokeToken(id: string) {
  return httpNoContent(`/api/admin/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function fetchAuditPage(
  query: { cursor: string | null; objectKind: string; actor?: string },
  { signal }: Signal = {},
) {
  const params = new URLSearchParams();
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.objectKind) params.set('objectKind', query.objectKind);
  if (query.actor) params.set('actor', query.actor);
  const search = params.size > 0 ? `?${params.toString()}` : '';
  return http(`/api/admin/audit${search}`, { parse: AuditPage, signal });
}

/** Everyone who could have made a change, for the audit log's "who" filter. */
export async function fetchAuditActors({ signal }: Signal = {}) {
  return (await http('/api/admin/staff', { parse: AdminStaffList, signal })).items;
}
