import { isApiError } from '../../app/http.ts';

/** The server's message for one field of a 422, if it named that field. */
export function serverFieldError(error: unknown, field: string): string | undefined {
  if (!isApiError(error, 422)) return undefined;
  return error.fieldErrors.find((e) => e.field === field)?.message;
}

/** "must be a whole number…" reads as a sentence beside a field. */
export function asSentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
