import type { Me, Role } from '@parley/contract';
import '../auth.css';

const roleNames: Record<Role, string> = {
  admin: 'Admin',
  supervisor: 'Supervisor',
  agent: 'Agent',
};

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

export function CurrentUser({ me }: { me: Me }) {
  return (
    <div className="current-user">
      <span className="avatar" aria-hidden="true">
        {initials(me.name)}
      </span>
      <div className="current-user__text">
        <span className="current-user__name">{me.name}</span>
        <span className="current-user__role">{roleNames[me.role]}</span>
      </div>
    </div>
  );
}
