import { ApiError, describeError } from '../../app/http.ts';

export function formatRetryWait(seconds: number | null): string {
  if (seconds === null || seconds <= 0) return 'Too many attempts. Try again later.';
  if (seconds < 60)
    return `Too many attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

export type SignInFailure = {
  message: string;
  fields: Partial<Record<'email' | 'password', string>>;
};

/** Turns whatever sign-in threw into the sentence under the form and any per-field hints. */
export function describeSignInError(error: unknown): SignInFailure {
  if (error instanceof ApiError) {
    if (error.status === 401) {
      return { message: error.detail ?? 'Email or password is incorrect.', fields: {} };
    }
    if (error.status === 429)
      return { message: formatRetryWait(error.retryAfterSeconds), fields: {} };
    if (error.status === 400 || error.status === 422) {
      const fields: SignInFailure['fields'] = {};
      for (const { field, message } of error.fieldErrors) {
        if (field === 'email' || field === 'password') fields[field] = message;
      }
      return { message: error.detail ?? 'Check the fields above.', fields };
    }
  }
  return { message: describeError(error), fields: {} };
}
