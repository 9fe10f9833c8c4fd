import { badRequest } from './errors.ts';

/** Opaque pagination cursors: clients pass back what they were given, never build their own. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T extends Record<string, string | number>>(
  cursor: string | undefined,
  keys: (keyof T)[],
): T | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
    if (value && typeof value === 'object' && keys.every((k) => k in value)) return value;
  } catch {
    // fall through
  }
  throw badRequest('The cursor is not one this API gave out.', [
    { field: 'query.cursor', message: 'unknown cursor' },
  ]);
}
