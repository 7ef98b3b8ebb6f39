import { COPYRIGHT_LINE } from '@huntkit/shared/brand';
import { MailRenderer } from './mail-renderer';
import { TEMPLATE_SOURCES } from './templates/templates';

/** Handlebars escapes `=` in attributes as &#x3D;, which every mail client decodes. */
const decoded = (html: string) => html.replace(/&#x3D;/g, '=');

describe('MailRenderer', () => {
  const renderer = new MailRenderer();

  it('renders the verification mail in the branded layout, with a text twin', () => {
    const mail = renderer.render('verify-email', 'ada@example.com', {
      displayName: 'Ada',
      verifyUrl: 'https://huntkit.example/verify-email?token=abc',
      expiresInHours: 24,
    });
    expect(mail.subject).toBe('Confirm your email address');
    expect(decoded(mail.html)).toContain('href="https://huntkit.example/verify-email?token=abc"');
    expect(mail.html).toContain('ada@example.com');
    expect(mail.html).toContain(COPYRIGHT_LINE);
    expect(mail.text).toContain('https://huntkit.example/verify-email?token=abc');
    expect(mail.text).toContain('expires in 24 hours');
    expect(mail.text).not.toContain('<');
  });

  it('escapes data in HTML but keeps it literal in text', () => {
    const mail = renderer.render('signup-attempt', 'x@example.com', {
      displayName: '<img src=x onerror=alert(1)> & Co',
      signInUrl: 'https://huntkit.example/sign-in',
      resetUrl: 'https://huntkit.example/forgot-password',
    });
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; Co');
    expect(mail.text).toContain('<img src=x onerror=alert(1)> & Co');
  });

  it('renders every template and refuses missing data', () => {
    for (const name of Object.keys(TEMPLATE_SOURCES) as (keyof typeof TEMPLATE_SOURCES)[]) {
      expect(() => renderer.render(name, 'a@b.c', {} as never)).toThrow(/not defined/);
    }
    const changed = renderer.render('password-changed', 'a@b.c', {
      displayName: 'A',
      changedAt: '2026-11-24 17:00 UTC',
      resetUrl: 'https://h/r',
    });
    expect(changed.subject).toBe('Your password was changed');
    const reset = renderer.render('reset-password', 'a@b.c', {
      displayName: 'A',
      resetUrl: 'https://h/r?t=1',
      expiresInMinutes: 30,
    });
    expect(reset.html).toContain('expires in 30 minutes');
  });
});
