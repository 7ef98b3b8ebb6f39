import { checkPassword, loadCommonPasswords } from './common-passwords';
import { PASSWORD_PROBLEM_MESSAGES, passwordLength, passwordProblems } from './password-policy';

describe('password policy', () => {
  it('accepts 8 to 128 characters with no composition rules', async () => {
    await expect(checkPassword('correct horse battery staple')).resolves.toEqual([]);
    await expect(checkPassword('zq7vnm2k')).resolves.toEqual([]);
    await expect(checkPassword('x'.repeat(7))).resolves.toEqual(['too_short']);
    await expect(checkPassword('y'.repeat(129))).resolves.toEqual(['too_long']);
    await expect(checkPassword('Zq'.repeat(64))).resolves.toEqual([]);
  });

  it('counts characters as people do, not UTF-16 units', () => {
    expect(passwordLength('🔐🔐🔐🔐')).toBe(4);
    expect(passwordProblems('🔐🔐🔐🔐🔐🔐🔐', () => false)).toEqual(['too_short']);
    expect(passwordProblems('🔐🔐🔐🔐🔐🔐🔐🔐', () => false)).toEqual([]);
    // é typed as e + combining accent is one character after NFC normalisation.
    expect(passwordLength('cafe\u0301')).toBe(4);
  });

  it('rejects the most common passwords whatever their case', async () => {
    expect((await loadCommonPasswords()).size).toBeGreaterThan(40_000);
    for (const common of ['password', 'Password', 'PASSWORD1', 'iloveyou', 'qwertyuiop', '12345678']) {
      await expect(checkPassword(common)).resolves.toEqual(['too_common']);
    }
  });

  it('explains every problem in plain words', () => {
    expect(PASSWORD_PROBLEM_MESSAGES.too_short).toContain('8');
    expect(PASSWORD_PROBLEM_MESSAGES.too_common).toMatch(/common/);
  });
});
