import type { PasswordProblem } from './password-policy';
import { passwordProblems } from './password-policy';

let commonPasswords: Promise<ReadonlySet<string>> | undefined;

/**
 * The bundled list of ~49,000 most common passwords (from zxcvbn-ts), loaded on first use: it is
 * large, so the web app only pulls it into the page that needs it.
 */
export function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase())),
  );
  return commonPasswords;
}

/** Checks a password against every rule, loading the common list when needed. */
export async function checkPassword(password: string): Promise<PasswordProblem[]> {
  const list = await loadCommonPasswords();
  return passwordProblems(password, (candidate) => list.has(candidate));
}
