import type { NotificationCategory } from '@huntkit/api/notifications';

/** Every mail the platform sends, with the data each one needs; the worker renders and delivers them. */
export interface MailTemplates {
  'verify-email': { displayName: string; verifyUrl: string; expiresInHours: number };
  'reset-password': { displayName: string; resetUrl: string; expiresInMinutes: number };
  'password-changed': { displayName: string; changedAt: string; resetUrl: string };
  'signup-attempt': { displayName: string; signInUrl: string; resetUrl: string };
  'email-change-confirm': {
    displayName: string;
    newEmail: string;
    confirmUrl: string;
    expiresInHours: number;
  };
  'email-change-requested': {
    displayName: string;
    newEmail: string;
    cancelUrl: string;
    expiresInHours: number;
  };
  'email-change-unavailable': { signInUrl: string };
  'email-changed': {
    displayName: string;
    oldEmail: string;
    newEmail: string;
    changedAt: string;
    resetUrl: string;
  };
  'mfa-changed': { displayName: string; enabled: boolean; changedAt: string; securityUrl: string };
  'new-sign-in': {
    displayName: string;
    device: string;
    ip: string;
    signedInAt: string;
    sessionsUrl: string;
    resetUrl: string;
  };
  'sign-in-method-changed': {
    displayName: string;
    provider: string;
    linked: boolean;
    changedAt: string;
    securityUrl: string;
  };
  'payment-received': {
    displayName: string;
    /** What was paid for: "Pack of 100 credits", "Huntkit Pro, first month". */
    purchase: string;
    amount: string;
    credits: number;
    /** When the credits expire (Pro's monthly credits), or null (packs keep). */
    creditsExpire: string | null;
    billingUrl: string;
  };
  'payment-failed': { displayName: string; amount: string; billingUrl: string };
  'low-credits': { displayName: string; remaining: number; dailyFree: number; billingUrl: string };
  'run-finished': {
    displayName: string;
    toolName: string;
    target: string;
    outcome: string;
    duration: string;
    findings: number;
    runUrl: string;
  };
}

export type MailTemplateName = keyof MailTemplates;

/**
 * Why each mail is sent. `account` mail answers something the user just did (links they asked for) and
 * `security` mail warns about their account: neither can be muted. The rest follow the user's
 * notification settings, enforced by the mail worker.
 */
export type MailCategory = 'account' | 'security' | NotificationCategory;

export const TEMPLATE_CATEGORY: Record<MailTemplateName, MailCategory> = {
  'verify-email': 'account',
  'reset-password': 'account',
  'password-changed': 'security',
  'signup-attempt': 'security',
  'email-change-confirm': 'account',
  'email-change-requested': 'security',
  'email-change-unavailable': 'account',
  'email-changed': 'security',
  'mfa-changed': 'security',
  'new-sign-in': 'security',
  'sign-in-method-changed': 'security',
  'run-finished': 'run_finished',
  'payment-received': 'billing',
  'payment-failed': 'billing',
  'low-credits': 'low_credits',
};

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
  'email-change-confirm': {
    subject: 'Confirm your new email address',
    html: `<p>Hi {{displayName}},</p>
<p>You asked to use <strong>{{newEmail}}</strong> for your Huntkit account. Confirm it to make the change:</p>
{{> button url=confirmUrl label="Confirm my new address"}}
<p>The link works once and expires in {{expiresInHours}} hours. Until then you keep signing in with your current address. If you did not ask for this, ignore this mail.</p>`,
    text: `Hi {{displayName}},

You asked to use {{newEmail}} for your Huntkit account. Confirm it to make the change:
{{confirmUrl}}

The link works once and expires in {{expiresInHours}} hours. If you did not ask for this, ignore this mail.`,
  },
  'email-change-requested': {
    subject: 'A change of your email address was requested',
    html: `<p>Hi {{displayName}},</p>
<p>Someone signed in to your Huntkit account asked to move it to <strong>{{newEmail}}</strong>. Nothing changes until that address confirms, within {{expiresInHours}} hours.</p>
<p>If it was not you, stop the change: this also signs out every session, and you should then choose a new password.</p>
{{> button url=cancelUrl label="It wasn't me: stop the change"}}`,
    text: `Hi {{displayName}},

Someone signed in to your Huntkit account asked to move it to {{newEmail}}. Nothing changes until that address confirms, within {{expiresInHours}} hours.
If it was not you, stop the change and sign out every session: {{cancelUrl}}`,
  },
  'email-change-unavailable': {
    subject: 'This address already has a Huntkit account',
    html: `<p>Hello,</p>
<p>Someone asked to move another Huntkit account to this address. It already belongs to an account, so nothing was changed.</p>
<p>If you own that account, you can sign in as usual:</p>
{{> button url=signInUrl label="Sign in"}}`,
    text: `Hello,

Someone asked to move another Huntkit account to this address. It already belongs to an account, so nothing was changed.
Sign in: {{signInUrl}}`,
  },
  'email-changed': {
    subject: 'Your email address was changed',
    html: `<p>Hi {{displayName}},</p>
<p>The email address of your Huntkit account changed from <strong>{{oldEmail}}</strong> to <strong>{{newEmail}}</strong> on {{changedAt}}. Every other session was signed out.</p>
<p>If you did not do this, reset your password from the new address or contact support at once.</p>
{{> button url=resetUrl label="Secure my account"}}`,
    text: `Hi {{displayName}},

The email address of your Huntkit account changed from {{oldEmail}} to {{newEmail}} on {{changedAt}}. Every other session was signed out.
If you did not do this: {{resetUrl}}`,
  },
  'mfa-changed': {
    subject: 'Two-factor authentication was turned {{#if enabled}}on{{else}}off{{/if}}',
    html: `<p>Hi {{displayName}},</p>
{{#if enabled}}<p>Two-factor authentication was turned on for your Huntkit account on {{changedAt}}. Sign-ins now also ask for a code from your authenticator app.</p>
{{else}}<p>Two-factor authentication was turned off for your Huntkit account on {{changedAt}}. Sign-ins now need only your password.</p>{{/if}}
<p>If you did not do this, review your account security now:</p>
{{> button url=securityUrl label="Review security"}}`,
    text: `Hi {{displayName}},

Two-factor authentication was turned {{#if enabled}}on{{else}}off{{/if}} for your Huntkit account on {{changedAt}}.
If you did not do this, review your account security: {{securityUrl}}`,
  },
  'new-sign-in': {
    subject: 'New sign-in from {{device}}',
    html: `<p>Hi {{displayName}},</p>
<p>Your Huntkit account was signed in to from a device it had not seen before:</p>
<p style="padding:12px 16px;border-radius:12px;background:#17202b;color:#e4eaf0;">{{device}}<br>{{ip}}<br>{{signedInAt}}</p>
<p>If this was you, there is nothing to do. If not, sign that session out and change your password:</p>
{{> button url=sessionsUrl label="Review my sessions"}}
<p><a href="{{resetUrl}}" style="color:#3ef0a0;">Reset my password</a></p>`,
    text: `Hi {{displayName}},

Your Huntkit account was signed in to from a device it had not seen before:
{{device}}, {{ip}}, {{signedInAt}}

If this was not you, review your sessions: {{sessionsUrl}}
and reset your password: {{resetUrl}}`,
  },
  'run-finished': {
    subject: '{{toolName}} on {{target}}: {{outcome}}',
    html: `<p>Hi {{displayName}},</p>
<p>Your <strong>{{toolName}}</strong> run on <strong>{{target}}</strong> is over after {{duration}}: {{outcome}}, with {{findings}} result(s).</p>
{{> button url=runUrl label="Open the run"}}`,
    text: `Hi {{displayName}},

Your {{toolName}} run on {{target}} is over after {{duration}}: {{outcome}}, with {{findings}} result(s).
{{runUrl}}`,
  },
  'sign-in-method-changed': {
    subject: '{{provider}} sign-in was {{#if linked}}connected to{{else}}removed from{{/if}} your account',
    html: `<p>Hi {{displayName}},</p>
<p>{{#if linked}}Your {{provider}} account can now sign in to your Huntkit account{{else}}Your {{provider}} account can no longer sign in to your Huntkit account{{/if}} (since {{changedAt}}).</p>
<p>If you did not do this, review your account security now:</p>
{{> button url=securityUrl label="Review connected accounts"}}`,
    text: `Hi {{displayName}},

{{#if linked}}Your {{provider}} account can now sign in to your Huntkit account{{else}}Your {{provider}} account can no longer sign in to your Huntkit account{{/if}} (since {{changedAt}}).
If you did not do this, review your account: {{securityUrl}}`,
  },
  'payment-received': {
    subject: 'Payment received: {{purchase}}',
    html: `<p>Hi {{displayName}},</p>
<p>Thank you: we received <strong>{{amount}}</strong> for {{purchase}}. <strong>{{credits}} credits</strong> were added to your account{{#if creditsExpire}}, to use by {{creditsExpire}}{{else}} and do not expire{{/if}}.</p>
<p>Stripe mails the receipt; invoices are in the billing portal.</p>
{{> button url=billingUrl label="Open billing"}}`,
    text: `Hi {{displayName}},

Thank you: we received {{amount}} for {{purchase}}. {{credits}} credits were added to your account{{#if creditsExpire}}, to use by {{creditsExpire}}{{else}} and do not expire{{/if}}.
Stripe mails the receipt; invoices are in the billing portal: {{billingUrl}}`,
  },
  'payment-failed': {
    subject: 'Your Huntkit Pro payment did not go through',
    html: `<p>Hi {{displayName}},</p>
<p>We could not take <strong>{{amount}}</strong> for Huntkit Pro. Stripe will try again over the next days; if it keeps failing, Pro ends and its monthly credits stop.</p>
<p>Update your card in the billing portal to keep Pro:</p>
{{> button url=billingUrl label="Update payment method"}}`,
    text: `Hi {{displayName}},

We could not take {{amount}} for Huntkit Pro. Stripe will try again over the next days; if it keeps failing, Pro ends and its monthly credits stop.
Update your card in the billing portal to keep Pro: {{billingUrl}}`,
  },
  'low-credits': {
    subject: 'You have {{remaining}} credits left',
    html: `<p>Hi {{displayName}},</p>
<p>Your credits beyond the free daily ones are running low: <strong>{{remaining}} left</strong>. Your {{dailyFree}} free credits still come every day, and are spent first.</p>
<p>A credit pack tops you up at once and never expires:</p>
{{> button url=billingUrl label="Buy credits"}}`,
    text: `Hi {{displayName}},

Your credits beyond the free daily ones are running low: {{remaining}} left. Your {{dailyFree}} free credits still come every day, and are spent first.
A credit pack tops you up at once and never expires: {{billingUrl}}`,
  },
};
