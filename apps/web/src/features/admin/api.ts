import {
  AdminChannel,
  AdminChannelList,
  ChannelCreated,
  ChannelTestResult,
  SecretRotated,
  AdminDepartment,
  AdminDepartmentList,
  AdminStaff,
  AdminStaffList,
  ApiTokenCreated,
  ApiTokenList,
  AuditPage,
  SetPasswordLink,
  Settings,
  StaffCreated,
  WrapUpTag,
  WrapUpTagList,
} from '@parley/contract';
import type {
  ApiTokenCreateBody,
  ChannelCreateBody,
  ChannelPatchBody,
  DepartmentPatchBody,
  RotateSecretBody,
  SettingsUpdateBody,
  StaffCreateBody,
  StaffPatchBody,
} from '@parley/contract';
import { http, httpNoContent } from '../../app/http.ts';

export const adminQueryKeys = {
  departments: ['admin', 'departments'] as const,
  channels: ['admin', 'channels'] as const,
  tags: ['admin', 'tags'] as const,
  settings: ['admin', 'settings'] as const,
  tokens: ['admin', 'tokens'] as const,
  staff: ['admin', 'staff'] as const,
  staffSearch: (q: string) => ['admin', 'staff', q] as const,
  audit: (objectKind: string, actor = '') => ['admin', 'audit', objectKind, actor] as const,
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

export async function fetchAdminStaff(q: string, { signal }: Signal = {}) {
  const search = q ? `?${new URLSearchParams({ q }).toString()}` : '';
  return (await http(`/api/admin/staff${search}`, { parse: AdminStaffList, signal })).items;
}

export function createStaff(body: StaffCreateBody) {
  return http('/api/admin/staff', { method: 'POST', body, parse: StaffCreated });
}

export function updateStaff(id: string, patch: StaffPatchBody) {
  return http(`/api/admin/staff/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: patch,
    parse: AdminStaff,
  });
}

export function deactivateStaff(id: string) {
  return http(`/api/admin/staff/${encodeURIComponent(id)}/deactivate`, {
    method: 'POST',
    parse: AdminStaff,
  });
}

export function reactivateStaff(id: string) {
  return http(`/api/admin/staff/${encodeURIComponent(id)}/reactivate`, {
    method: 'POST',
    parse: AdminStaff,
  });
}

export function resetStaffPassword(id: string) {
  return http(`/api/admin/staff/${encodeURIComponent(id)}/reset-password`, {
    method: 'POST',
    parse: SetPasswordLink,
  });
}

export async function fetchChannels({ signal }: Signal = {}) {
  return (await http('/api/admin/channels', { parse: AdminChannelList, signal })).items;
}

export function createChannel(body: ChannelCreateBody) {
  return http('/api/admin/channels', { method: 'POST', body, parse: ChannelCreated });
}

const channelUrl = (id: string, action = '') =>
  `/api/admin/channels/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export function updateChannel(id: string, patch: ChannelPatchBody) {
  return http(channelUrl(id), { method: 'PATCH', body: patch, parse: AdminChannel });
}

export function rotateChannelSecret(id: string, body: RotateSecretBody) {
  return http(channelUrl(id, 'rotate-secret'), { method: 'POST', body, parse: SecretRotated });
}

export function setChannelEnabled(id: string, enabled: boolean) {
  return http(channelUrl(id, enabled ? 'enable' : 'disable'), {
    method: 'POST',
    parse: AdminChannel,
  });
}

export function testChannel(id: string) {
  return http(channelUrl(id, 'test'), { method: 'POST', parse: ChannelTestResult });
}
