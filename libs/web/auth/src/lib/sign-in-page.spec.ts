import { safeReturnUrl } from './sign-in-page';

describe('safeReturnUrl', () => {
  it('keeps same-site paths and refuses everything that could leave the site', () => {
    expect(safeReturnUrl('/tools?x=1')).toBe('/tools?x=1');
    for (const unsafe of [
      undefined,
      '',
      'https://evil.example',
      '//evil.example/path',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      expect(safeReturnUrl(unsafe)).toBe('/');
    }
  });
});
