import { hashPassword, verifyPassword } from './password-hasher';

describe('password hashing', () => {
  it('produces argon2id PHC strings with the OWASP parameters', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'Correct horse battery staple')).resolves.toBe(false);
  });

  it('salts each hash and treats garbage as a mismatch', async () => {
    expect(await hashPassword('same')).not.toEqual(await hashPassword('same'));
    await expect(verifyPassword('not-a-hash', 'x')).resolves.toBe(false);
  });
});
