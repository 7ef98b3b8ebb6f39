import { estimatePasswordStrength } from './password-strength';

describe('password strength estimate', () => {
  it('rates common and patterned passwords low, with advice', async () => {
    const common = await estimatePasswordStrength('password1');
    expect(common.score).toBeLessThanOrEqual(1);
    expect(common.warning).toEqual(expect.any(String));
    expect((await estimatePasswordStrength('qwertyuiop')).score).toBeLessThanOrEqual(1);
  });

  it('rates a few unrelated words high', async () => {
    const strong = await estimatePasswordStrength('plum tractor velvet 42 orbit');
    expect(strong).toMatchObject({ score: 4, label: 'Strong' });
  });

  it("treats the user's own name and email as easy guesses", async () => {
    const alone = await estimatePasswordStrength('Zephyrine1987');
    const withName = await estimatePasswordStrength('Zephyrine1987', ['zephyrine@example.com', 'Zephyrine']);
    expect(withName.score).toBeLessThan(alone.score);
  });
});
