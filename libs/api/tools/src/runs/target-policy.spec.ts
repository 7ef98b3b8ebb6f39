import { checkTarget, deniedReason } from './target-policy';

describe('target policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.20.30.40', 'private'],
    ['172.31.255.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.100.100.200', 'shared carrier-grade NAT'],
    ['0.0.0.0', 'this network'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['fd00:ec2::254', 'unique local (private)'],
    ['fe80::1', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['64:ff9b::a00:1', 'private'],
  ])('denies %s (%s)', (address, reason) => {
    expect(deniedReason(address)).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(deniedReason(address)).toBeNull();
    },
  );

  it('checks what a name resolves to, and pins the checked address', async () => {
    expect(await checkTarget('localhost', false)).toMatchObject({ ok: false, code: 'denied' });
    const allowed = await checkTarget('localhost', true);
    expect(allowed).toMatchObject({ ok: true, address: '127.0.0.1' });
    expect(await checkTarget('[::1]', true)).toEqual({ ok: true, address: '::1', addresses: ['::1'] });
    expect(await checkTarget('no-such-host.invalid', true)).toMatchObject({
      ok: false,
      code: 'unresolvable',
    });
  });
});
