import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where files' bytes live, outside the database: a folder by default (nothing to install), or an
 * S3-compatible bucket for several nodes (s3-store.ts). Keys are made by Parley (never from a
 * file's name), so no key can climb out of the store.
 */
export type FileStore = {
  /** Stores the bytes under the key, replacing nothing: keys are never reused. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes as a stream, or undefined when the key holds nothing. */
  get(key: string): Promise<{ body: Readable; size: number } | undefined>;
  /** Removes the key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
};

/** A store key: made of our own ids only. */
const KEY = /^[a-z0-9-]+(\/[a-z0-9.-]+)*$/;
export function checkKey(key: string) {
  if (!KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.'))
    throw new Error(`not a store key: ${key}`);
  return key;
}

/** Files under a folder, written to a temporary name and renamed so a crash leaves no half file. */
export function diskFileStore(root: string): FileStore {
  const where = (key: string) => path.join(root, ...checkKey(key).split('/'));
  return {
    async put(key, bytes) {
      const file = where(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.${Date.now()}.part`;
      await fs.writeFile(temporary, bytes);
      await fs.rename(temporary, file);
    },
    async get(key) {
      const file = where(key);
      try {
        const stat = await fs.stat(file);
        return { body: createReadStream(file), size: stat.size };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async delete(key) {
      await fs.rm(where(key), { force: true });
    },
  };
}
