/** Every mail the platform sends, with the data each one needs; the worker renders and delivers them. */
export interface MailTemplates {
  'verify-email': { displayName: string; verifyUrl: string; expiresInHours: number };
  'reset-password': { displayName: string; resetUrl: string; expiresInMinutes: number };
  'password-changed': { displayName: string; changedAt: string; resetUrl: string };
  'signup-attempt': { displayName: string; signInUrl: string; resetUrl: string };
}

export type MailTemplateName = keyof MailTemplates;

interface TemplateSource {
  subject: string;
  html: string;
  text: string;
}

export const TEMPLATE_SOURCES: Record<MailTemplateName, TemplateSource> = {
  'verify-email': {
    subject: 'Confirm your email address',
    html: `<p>Hi {{displayName}},</p>
<p>Welcome to Huntkit. Confirm that this address is yours to activate your account and your 10 free daily credits.</p>
{{> button url=verifyUrl label="Confirm my email"}}
<p>The link works once and expires in {{expiresInHours}} hours. If you did not sign up, ignore this mail.</p>`,
    text: `Hi {{displayName}},

Welcome to Huntkit. Confirm that this address is yours:
{{verifyUrl}}

The link works once and expires in {{expiresInHours}} hours. If you did not sign up, ignore this mail.`,
  },
  'reset-password': {
    subject: 'Reset your password',
    html: `<p>Hi {{displayName}},</p>
<p>Someone asked to reset the password of your Huntkit account. If it was you, choose a new one:</p>
{{> button url=resetUrl label="Choose a new password"}}
<p>The link works once and expires in {{expiresInMinutes}} minutes. If it was not you, ignore this mail: your password stays as it is.</p>`,
    text: `Hi {{displayName}},

Someone asked to reset the password of your Huntkit account. If it was you, choose a new one:
{{resetUrl}}

The link works once and expires in {{expiresInMinutes}} minutes. If it was not you, ignore this mail.`,
  },
  'password-changed': {
    subject: 'Your password was changed',
    html: `<p>Hi {{displayName}},</p>
<p>The password of your Huntkit account was changed on {{changedAt}}, and every other session was signed out.</p>
<p>If you did not do this, reset your password now and review your sessions:</p>
{{> button url=resetUrl label="Secure my account"}}`,
    text: `Hi {{displayName}},

The password of your Huntkit account was changed on {{changedAt}}, and every other session was signed out.
If you did not do this, reset your password now: {{resetUrl}}`,
  },
  'signup-attempt': {
    subject: 'Someone tried to sign up with your email',
    html: `<p>Hi {{displayName}},</p>
<p>Someone tried to create a Huntkit account with this email address, which already has one. No new account was created.</p>
<p>If it was you, sign in instead, or reset your password if you forgot it:</p>
{{> button url=signInUrl label="Sign in"}}
<p><a href="{{resetUrl}}" style="color:#3ef0a0;">Reset my password</a></p>`,
    text: `Hi {{displayName}},

Someone tried to create a Huntkit account with this email address, which already has one. No new account was created.
Sign in: {{signInUrl}}
Forgot your password? {{resetUrl}}`,
  },
};
