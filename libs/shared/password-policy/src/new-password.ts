import { checkPassword } from './common-passwords';
import { PASSWORD_MIN_LENGTH, PASSWORD_PROBLEM_MESSAGES, passwordLength } from './password-policy';

/** What stops a new password being accepted, in the API's own words; null when it will be. */
export async function newPasswordError(password: string, confirmation: string): Promise<string | null> {
  const [problem] = await checkPassword(password);
  if (problem) return PASSWORD_PROBLEM_MESSAGES[problem];
  if (password !== confirmation) return 'The two passwords are not the same.';
  return null;
}

/** The short verdict under the field while a password is still too short. */
export function charactersToGo(password: string): string {
  const missing = PASSWORD_MIN_LENGTH - passwordLength(password);
  return `Too short: ${missing} more character${missing === 1 ? '' : 's'}`;
}
