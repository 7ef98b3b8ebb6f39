import { createResolver, parseResolver, resolverServer } from './resolver-address';

describe('resolver address', () => {
  it('reads IPv4 and IPv6, with or without a port (53 by default)', () => {
    expect(parseResolver('1.1.1.1')).toEqual({ address: '1.1.1.1', port: 53 });
    expect(parseResolver(' 127.0.0.1:5353 ')).toEqual({ address: '127.0.0.1', port: 5353 });
    expect(parseResolver('2606:4700:4700::1111')).toEqual({ address: '2606:4700:4700::1111', port: 53 });
    expect(parseResolver('[::1]:5353')).toEqual({ address: '::1', port: 5353 });
    expect(parseResolver('[2001:DB8::1]')).toEqual({ address: '2001:db8::1', port: 53 });
  });

  it('explains what it refuses', () => {
    expect(parseResolver('')).toEqual({ error: expect.stringContaining('IP address') });
    expect(parseResolver('dns.google')).toEqual({ error: expect.stringContaining('not an IP address') });
    expect(parseResolver('dns.google:53')).toEqual({ error: expect.stringContaining('not an IP address') });
    expect(parseResolver('1.1.1')).toEqual({ error: expect.stringContaining('not an IP address') });
    expect(parseResolver('1.1.1.1:0')).toEqual({ error: expect.stringContaining('not a port') });
    expect(parseResolver('1.1.1.1:65536')).toEqual({ error: expect.stringContaining('not a port') });
    expect(parseResolver('1.1.1.1:+53')).toEqual({ error: expect.stringContaining('not a port') });
    expect(parseResolver('1.1.1.1:')).toEqual({ error: expect.stringContaining('not a port') });
    expect(parseResolver('[::1]:')).toEqual({ error: expect.stringContaining('not a port') });
    expect(parseResolver('[1.1.1.1]:53')).toEqual({ error: expect.stringContaining('IPv6 address only') });
    // A bare IPv6 address followed by a port cannot be told apart from the address: brackets are needed.
    expect(parseResolver('::1:5353')).toEqual({ address: '::1:5353', port: 53 });
    expect(parseResolver('fe80::1%eth0')).toEqual({ error: expect.stringContaining('zone ids') });
    expect(parseResolver('[fe80::1%eth0]:53')).toEqual({ error: expect.stringContaining('zone ids') });
  });

  it('writes the server form Node takes, and a resolver that asks only that server', () => {
    expect(resolverServer({ address: '127.0.0.1', port: 5353 })).toBe('127.0.0.1:5353');
    expect(resolverServer({ address: '::1', port: 53 })).toBe('[::1]:53');
    expect(createResolver({ address: '::1', port: 5353 }).getServers()).toEqual(['[::1]:5353']);
    expect(createResolver({ address: '9.9.9.9', port: 53 }).getServers()).toEqual(['9.9.9.9']);
  });
});
