import { LaunchKey, newIdempotencyKey } from './launch-key';

describe('LaunchKey', () => {
  it('keeps one key per intended launch and renews it on new settings or after a success', () => {
    let count = 0;
    const keys = new LaunchKey(() => `key-${++count}`);
    const request = { config: { target: 'a.example' }, timeoutSeconds: 60 };
    expect(keys.for(request)).toBe('key-1');
    expect(keys.for({ ...request })).toBe('key-1'); // a retry or a double click
    expect(keys.for({ ...request, timeoutSeconds: 120 })).toBe('key-2');
    expect(keys.for({ ...request, timeoutSeconds: 120 })).toBe('key-2');
    keys.renew();
    expect(keys.for({ ...request, timeoutSeconds: 120 })).toBe('key-3');
  });

  it('makes keys the API accepts', () => {
    expect(newIdempotencyKey()).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
  });
});
