import { randomUUID } from 'node:crypto';
import { UnsubscribeLinks } from './unsubscribe-links';

describe('UnsubscribeLinks', () => {
  const links = new UnsubscribeLinks(Buffer.alloc(32, 7));
  const claim = { userId: randomUUID(), category: 'run_finished' as const };

  it('verifies its own tokens', () => {
    expect(links.verify(links.sign(claim))).toEqual(claim);
  });

  it('refuses a token moved to another category or user', () => {
    const [, , signature] = links.sign(claim).split('.');
    expect(links.verify(`${claim.userId}.product_news.${signature}`)).toBeNull();
    expect(links.verify(`${randomUUID()}.run_finished.${signature}`)).toBeNull();
  });

  it('refuses tokens signed with another key, unknown categories and junk', () => {
    const other = new UnsubscribeLinks(Buffer.alloc(32, 8));
    expect(links.verify(other.sign(claim))).toBeNull();
    expect(links.verify(`${claim.userId}.security.${'A'.repeat(43)}`)).toBeNull();
    expect(links.verify('not-a-token')).toBeNull();
    expect(links.verify(`${links.sign(claim)}.extra`)).toBeNull();
  });
});
