import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app.ts';
import type { Db } from '../db/client.ts';
import { createInProcessBus } from '../realtime/bus.ts';
import { createLocalPresence } from '../realtime/presence.ts';
import { makeStaff, signIn, testDatabase } from '../test/harness.ts';

let app: App;
let db: Db;
const script = `export const words = ${JSON.stringify('a calm, dense, readable desk '.repeat(200))};`;

/** A built console whose script has its .br and .gz beside it, as the build writes them. */
function builtConsole() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parley-web-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Desk</title>');
  const file = path.join(root, 'assets', 'main-abc.js');
  writeFileSync(file, script);
  writeFileSync(`${file}.br`, zlib.brotliCompressSync(script));
  writeFileSync(`${file}.gz`, zlib.gzipSync(script));
  return root;
}

beforeAll(async () => {
  const database = await testDatabase();
  db = database.db;
  app = await buildApp({
    config: { origins: undefined, trustProxy: false, logLevel: 'silent' },
    database,
    bus: createInProcessBus(),
    presence: createLocalPresence(),
    logger: false,
    queueSweepMs: 60_000,
    webRoot: builtConsole(),
  });
});
afterAll(() => app.close());

describe('compression', () => {
  it('sends the build’s brotli file to a browser that accepts it, and says so', async () => {
    const res = await app.inject({
      url: '/assets/main-abc.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await app.inject({
      url: '/assets/main-abc.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await app.inject({ url: '/assets/main-abc.js', headers: {} });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('compresses a large JSON answer and leaves a small one alone', async () => {
    const agent = await makeStaff(db, { role: 'admin' });
    const cookie = await signIn(app, agent.email);
    const large = await app.inject({
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'br', cookie },
    });
    expect(large.statusCode).toBe(200);
    expect(large.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(large.rawPayload).toString())).toHaveProperty(
      'openapi',
    );
    const small = await app.inject({
      url: '/api/me',
      headers: { 'accept-encoding': 'br', cookie },
    });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toMatchObject({ email: agent.email });
  });

  it('never inflates a compressed request body', async () => {
    const body = zlib.gzipSync(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(20) }));
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: body,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
