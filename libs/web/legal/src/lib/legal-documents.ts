import type { LegalSlug } from './legal-links';

export interface LegalSection {
  heading: string;
  paragraphs: string[];
}

export interface LegalDocument {
  title: string;
  summary: string;
  updated: string;
  sections: LegalSection[];
}

export const LEGAL_DOCUMENTS: Record<LegalSlug, LegalDocument> = {
  terms: {
    title: 'Terms of Service',
    summary: 'The agreement between you and the Huntkit authors when you use Huntkit.',
    updated: '2026-11-24',
    sections: [
      {
        heading: 'Using Huntkit',
        paragraphs: [
          'Huntkit lets you run security and reconnaissance tools against targets you choose. By creating an account or running a tool you accept these terms and the Acceptable Use policy, which is part of them.',
          'You must be at least 18 years old, or the age of majority where you live, and able to enter a binding agreement.',
        ],
      },
      {
        heading: 'Your account',
        paragraphs: [
          'Keep your credentials and API tokens secret; you are responsible for what is done with them. Tell us at once if you believe your account has been compromised.',
        ],
      },
      {
        heading: 'Authorization to test',
        paragraphs: [
          'You may only scan or test systems you own or are explicitly authorized to test, within the scope of that authorization (for example a bug-bounty program’s published scope). You are solely responsible for obtaining that authorization and for any consequence of testing without it.',
        ],
      },
      {
        heading: 'Credits and payments',
        paragraphs: [
          'Runs cost credits. Free daily credits reset every day and do not roll over. Paid plans renew until cancelled; top-up credits do not expire. Prices are shown before you pay, and payments are processed by Stripe.',
          'Credits reserved for a run that fails for a reason on our side are returned automatically.',
        ],
      },
      {
        heading: 'Availability and changes',
        paragraphs: [
          'We work to keep Huntkit available but do not guarantee uninterrupted service. We may change or discontinue features; material changes to these terms are announced in advance.',
        ],
      },
      {
        heading: 'Liability',
        paragraphs: [
          'Huntkit is provided “as is”. To the extent the law allows, the Huntkit authors are not liable for indirect or consequential damages, and our total liability is limited to the amount you paid us in the twelve months before the claim.',
        ],
      },
      {
        heading: 'Ending the agreement',
        paragraphs: [
          'You can close your account at any time. We may suspend or close accounts that break these terms or the Acceptable Use policy, in particular for unauthorized testing.',
        ],
      },
    ],
  },
  privacy: {
    title: 'Privacy Policy',
    summary: 'What we collect, why, how long we keep it, and the choices you have.',
    updated: '2026-11-24',
    sections: [
      {
        heading: 'What we collect',
        paragraphs: [
          'Account data: your email address, display name, time zone and a salted hash of your password (never the password itself).',
          'Usage data: the tools you run, their configuration, targets, output and findings; sign-in events with time, IP address and browser; and billing records from Stripe (we never see your full card number).',
        ],
      },
      {
        heading: 'Why we use it',
        paragraphs: [
          'To run the service you asked for, secure your account, bill you, answer support requests and meet legal obligations. We do not sell personal data and do not use it for advertising.',
        ],
      },
      {
        heading: 'Processors',
        paragraphs: [
          'We rely on a small number of processors: our hosting provider, Stripe for payments, an email provider for transactional mail and, when you use the assistant, an AI provider that receives the run you ask about.',
        ],
      },
      {
        heading: 'Retention',
        paragraphs: [
          'Run history is kept while your account exists. When you delete your account, its data is removed after a short grace period, except records we must keep for tax or legal reasons.',
        ],
      },
      {
        heading: 'Your rights',
        paragraphs: [
          'You can access, export, correct or delete your data, and object to or restrict its processing. Write to us through the help centre; we answer within 30 days.',
        ],
      },
      {
        heading: 'Cookies',
        paragraphs: [
          'Huntkit uses only the cookies it needs to work: a session cookie, a refresh cookie and an anti-forgery token. There are no tracking or advertising cookies.',
        ],
      },
    ],
  },
  'acceptable-use': {
    title: 'Acceptable Use',
    summary: 'Huntkit is for authorized security testing. These rules keep it that way.',
    updated: '2026-11-24',
    sections: [
      {
        heading: 'Authorized targets only',
        paragraphs: [
          'Scan and test only assets you own or have written permission to test, and stay within the scope and rules of engagement of that permission or bug-bounty program.',
        ],
      },
      {
        heading: 'Not allowed',
        paragraphs: [
          'Denial-of-service testing or deliberately degrading a target; attacking third parties; scanning addresses you have no authorization for; using Huntkit to break the law or a program’s rules; trying to reach Huntkit’s own infrastructure, other users’ data or cloud metadata services; reselling access without our agreement.',
        ],
      },
      {
        heading: 'Safeguards',
        paragraphs: [
          'Runs have time and rate limits, private and internal address ranges are refused, and abuse reports are investigated. We may stop a run or suspend an account while we look into a report.',
        ],
      },
      {
        heading: 'Reporting abuse or vulnerabilities',
        paragraphs: [
          'If you believe Huntkit was used against your systems without authorization, or you found a vulnerability in Huntkit itself, contact us through the help centre. We welcome responsible disclosure.',
        ],
      },
    ],
  },
};
