import { personNameProblem } from '@parley/contract';
import type { Role } from '@parley/contract';

/** The staff form as typed: capacity stays text until it is checked. */
export type StaffDraft = { name: string; email: string; role: Role; capacity: string };
export type StaffField = 'name' | 'email' | 'role' | 'departments' | 'capacity';

// The server's rules (staff-admin.service.ts), checked here first so a mistake shows at once.
const MAX_NAME = 100;
const MAX_EMAIL = 254;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function nameProblem(name: string): string | undefined {
  if (name === '') return 'Give their name.';
  if (name.length > MAX_NAME) return `At most ${MAX_NAME} characters.`;
  return personNameProblem(name);
}

function emailProblem(email: string): string | undefined {
  if (email === '') return 'Enter the email address they will sign in with.';
  if (email.length > MAX_EMAIL) return `At most ${MAX_EMAIL} characters.`;
  if (!EMAIL.test(email)) return 'Enter an email address such as name@example.com.';
  return undefined;
}

function capacityProblem(capacity: string): string | undefined {
  const value = Number(capacity);
  if (capacity.trim() === '' || !Number.isInteger(value) || value < 1 || value > 100)
    return 'A whole number from 1 to 100.';
  return undefined;
}

/** Why each field cannot be sent as it is; empty when the form may be submitted. */
export function staffDraftProblems(
  draft: StaffDraft,
  { withEmail }: { withEmail: boolean },
): Partial<Record<StaffField, string>> {
  const problems: Partial<Record<StaffField, string>> = {};
  const name = nameProblem(draft.name.trim());
  if (name) problems.name = name;
  const email = withEmail ? emailProblem(draft.email.trim()) : undefined;
  if (email) problems.email = email;
  const capacity = capacityProblem(draft.capacity);
  if (capacity) problems.capacity = capacity;
  return problems;
}
