import type { UploadedAttachment } from '@parley/contract';
import { ApiError, NetworkError } from '../http.ts';

export type UploadOptions = {
  /** Bytes sent so far and in all, as the browser reports them. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
};

/**
 * Sends one file as `multipart/form-data` (field `file`). XMLHttpRequest rather than fetch,
 * because only it reports upload progress. Errors are ApiError (with the server's problem
 * title) or NetworkError; a cancel rejects with an AbortError.
 */
export function uploadFile(
  url: string,
  file: File,
  { onProgress, signal }: UploadOptions = {},
): Promise<UploadedAttachment> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('accept', 'application/json');
    request.withCredentials = true;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    };
    request.onload = () => {
      const body = parseJson(request.responseText);
      if (request.status >= 200 && request.status < 300) {
        resolve(body as UploadedAttachment);
        return;
      }
      const problem = isProblem(body) ? body : null;
      reject(
        new ApiError({
          status: request.status,
          title: problem?.title ?? (request.statusText || `HTTP ${request.status}`),
          detail: problem?.detail,
        }),
      );
    };
    request.onerror = () => reject(new NetworkError(new Error('The upload did not get through.')));
    request.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isProblem(body: unknown): body is { title: string; detail?: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { title?: unknown }).title === 'string'
  );
}

export const isAbort = (error: unknown) =>
  error instanceof DOMException && error.name === 'AbortError';
