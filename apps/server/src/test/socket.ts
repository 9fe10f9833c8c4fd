import { afterAll } from 'vitest';
import WebSocket from 'ws';

const open: WebSocket[] = [];
afterAll(() => {
  for (const ws of open) ws.terminate();
});

/**
 * A WebSocket client for tests that records every frame, with `next(match)` to wait for one
 * that matches (already received or still to come). Sockets are terminated after the file.
 */
export function recordingSocket<F = { seq: number; type: string; data: unknown }>(
  url: string,
  headers: Record<string, string | undefined>,
) {
  const given = Object.fromEntries(
    Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const ws = new WebSocket(url, { headers: given });
  open.push(ws);
  const frames: F[] = [];
  const waiters: { match: (f: F) => boolean; resolve: (f: F) => void }[] = [];
  ws.on('message', (raw) => {
    const frame = JSON.parse(String(raw)) as F;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.match(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const next = (match: (f: F) => boolean, ms = 5000) =>
    new Promise<F>((resolve, reject) => {
      const seen = frames.find(match);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => reject(new Error(`no matching frame in ${ms} ms`)), ms);
      waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return { ws, frames, next, opened, closed };
}
