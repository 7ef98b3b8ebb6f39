import { problemCode, problemOf, problemSummary } from './problem';

/**
 * The message for a refused second factor: the API's own words, plus how many tries the sign-in step
 * has left when it says so (each challenge takes five).
 */
export function secondFactorError(error: unknown): string {
  const attemptsLeft = problemOf(error)?.['attemptsLeft'];
  const message = problemSummary(error);
  if (problemCode(error) !== 'invalid_code' || typeof attemptsLeft !== 'number') return message;
  return `${message} ${attemptsLeft === 1 ? '1 try left.' : `${attemptsLeft} tries left.`}`;
}
