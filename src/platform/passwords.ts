// Passwords are hashed with argon2id (the library's defaults: 64 MiB, 3 passes) and never logged.
import argon2 from 'argon2';

export const MIN_PASSWORD_LENGTH = 10;

/**
 * The hashing cost. Under the test runner only (vitest sets VITEST in every worker) hashes are made
 * at 4 MiB and one pass: the suites verify thousands of passwords, at 170 ms each by default. A
 * verify reads the cost from the hash itself, so the code paths are the same ones production runs.
 */
export const hashOptions = (env: NodeJS.ProcessEnv = process.env): argon2.HashOptions =>
  env.VITEST ? { type: argon2.argon2id, memoryCost: 4096, timeCost: 1 } : { type: argon2.argon2id };

const options = hashOptions();

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, options);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// Verified when an email matches nobody, so a wrong email costs the same time as a wrong password.
// Always false: there is no account whose password could match.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
