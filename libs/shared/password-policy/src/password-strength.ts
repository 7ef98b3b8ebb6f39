import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordStrength {
  /** zxcvbn's 0 (guessed in moments) to 4 (very hard to guess). */
  score: StrengthScore;
  label: 'Very weak' | 'Weak' | 'Fair' | 'Good' | 'Strong';
  /** What makes it weak, when something does (e.g. "This is similar to a commonly used password"). */
  warning: string | null;
  suggestions: string[];
}

const LABELS: PasswordStrength['label'][] = ['Very weak', 'Weak', 'Fair', 'Good', 'Strong'];

let estimator: Promise<ZxcvbnFactory> | undefined;

/** zxcvbn with the common and English dictionaries, loaded on first use (they are large). */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([core, common, english]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...english.dictionary },
        graphs: common.adjacencyGraphs,
        translations: english.translations,
      }),
  );
  return estimator;
}

/**
 * An estimate of how hard a password is to guess, for the meter under a new-password field. Advice
 * only: what an account may use is decided by `passwordProblems` (length and the common list).
 * `userInputs` (email, name) count as easy guesses.
 */
export async function estimatePasswordStrength(
  password: string,
  userInputs: readonly string[] = [],
): Promise<PasswordStrength> {
  const result = (await loadEstimator()).check(password.slice(0, 128), [...userInputs]);
  const score = result.score as StrengthScore;
  return {
    score,
    label: LABELS[score] ?? 'Very weak',
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  };
}
