import { randomBytes } from 'node:crypto';
import { open, seal } from './secret-box';

describe('secret box', () => {
  const key = randomBytes(32);

  it('round-trips, with a different ciphertext every time', () => {
    const first = seal(key, 'JBSWY3DPEHPK3PXP');
    expect(first).not.toContain('JBSWY3DPEHPK3PXP');
    expect(seal(key, 'JBSWY3DPEHPK3PXP')).not.toBe(first);
    expect(open(key, first)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses another key and any tampering', () => {
    const sealed = seal(key, 'secret');
    expect(open(randomBytes(32), sealed)).toBeNull();
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3] as string, 'base64url');
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(open(key, [parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.'))).toBeNull();
    expect(open(key, 'v0.a.b.c')).toBeNull();
  });
});
