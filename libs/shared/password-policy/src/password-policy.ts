/**
 * The password rules of ARCHITECTURE.md's security baseline (OWASP ASVS 5 / NIST 800-63B): 8 to 128
 * characters, no composition rules, and none of the most common passwords. Shared so the sign-up
 * form and the API judge a password the same way.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  too_common: 'This password is one of the most common ones; attackers try it first. Choose another.',
};

/** Length in characters as a person counts them (an emoji is one), not UTF-16 code units. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

export function passwordProblems(
  password: string,
  isCommon: (candidate: string) => boolean,
): PasswordProblem[] {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return ['too_short'];
  if (length > PASSWORD_MAX_LENGTH) return ['too_long'];
  return isCommon(password.normalize('NFC').toLowerCase()) ? ['too_common'] : [];
}
