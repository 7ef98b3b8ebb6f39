import { Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP's minimum argon2id parameters: 19 MiB of memory, 2 passes, 1 lane. */
export const ARGON2ID_PARAMETERS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_PARAMETERS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never verifies
  }
}
