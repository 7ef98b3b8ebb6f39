/** Product facts both the API and the web app show; plain TypeScript, no framework imports. */
export const PRODUCT_NAME = 'Huntkit';

/** The providers a hunter can sign in with, named as the pages, the mails and the API's messages say them. */
export const SIGN_IN_PROVIDER_NAMES = { google: 'Google', github: 'GitHub' } as const;
export type SignInProvider = keyof typeof SIGN_IN_PROVIDER_NAMES;

/** The copyright line of the footer, the README and LICENSE; change all three together. */
export const COPYRIGHT_LINE = '© 2026 The Huntkit authors. All rights reserved.';
