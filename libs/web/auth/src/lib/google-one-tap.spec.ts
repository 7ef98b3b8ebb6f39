import { googleCsrfToken } from './google-one-tap';

describe('googleCsrfToken', () => {
  it("reads Google's double-submit cookie among the page's cookies", () => {
    expect(googleCsrfToken('XSRF-TOKEN=abc; g_csrf_token=f00d1234; other=1')).toBe('f00d1234');
    expect(googleCsrfToken('g_csrf_token=only')).toBe('only');
  });

  it('answers empty without it, so the API refuses the sign-in clearly', () => {
    expect(googleCsrfToken('XSRF-TOKEN=abc; not_g_csrf_token=x')).toBe('');
    expect(googleCsrfToken('')).toBe('');
  });
});
