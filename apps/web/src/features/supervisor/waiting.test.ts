import { describe, expect, it } from 'vitest';
import { buildChat } from '../../test/fixtures.ts';
import { deskQueryString, readFilters, withFilters } from './filters.ts';
import { customerWaitingSince, waitDuration } from './waiting.ts';

const at = Date.parse('2030-01-01T10:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(at - minutes * 60_000).toISOString();

describe('waitDuration', () => {
  it('counts whole minutes, then hours and minutes', () => {
    expect(waitDuration(minutesAgo(0.5), at)).toBe('<1 min');
    expect(waitDuration(minutesAgo(12.9), at)).toBe('12 min');
    expect(waitDuration(minutesAgo(65), at)).toBe('1 h 05 min');
    // A clock a little ahead of ours never shows a negative wait.
    expect(waitDuration(minutesAgo(-2), at)).toBe('<1 min');
  });
});

describe('customerWaitingSince', () => {
  it('never reads a pending chat as a customer waiting', () => {
    const since = minutesAgo(3);
    expect(customerWaitingSince(buildChat({ status: 'live', waitingSince: since }))).toBe(since);
    expect(customerWaitingSince(buildChat({ status: 'queued', waitingSince: since }))).toBe(since);
    expect(customerWaitingSince(buildChat({ status: 'pending', waitingSince: since }))).toBeNull();
    expect(customerWaitingSince(buildChat({ status: 'live', waitingSince: null }))).toBeNull();
  });
});

describe('desk filters in the URL', () => {
  it('round-trips through the query the API reads and ignores what it does not know', () => {
    const filters = readFilters('departmentId=dep-1&agentId=a-1&status=pending&flagged=true');
    expect(filters).toEqual({
      departmentId: 'dep-1',
      agentId: 'a-1',
      status: 'pending',
      flaggedOnly: true,
    });
    expect(deskQueryString(filters)).toBe(
      'departmentId=dep-1&agentId=a-1&status=pending&flagged=true',
    );
    expect(readFilters('status=closed&flagged=yes')).toEqual({
      departmentId: null,
      agentId: null,
      status: null,
      flaggedOnly: false,
    });
    expect(withFilters('/supervisor', readFilters(''))).toBe('/supervisor');
  });
});
