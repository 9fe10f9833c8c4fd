import { hash, verify } from '@node-rs/argon2';

// The rule lives in the contract so the web page can state it before anyone types.
export { MIN_PASSWORD_LENGTH } from '@parley/contract';

// OWASP's argon2id minimum (19 MiB, 2 passes): ~17 ms a hash on this class of machine.
// algorithm 2 is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const options = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** A hash to verify against when the email is unknown, so both cases take the same time. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('no account has this password');
  return dummy;
}
