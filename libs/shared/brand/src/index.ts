/** Product facts both the API and the web app show; plain TypeScript, no framework imports. */
export const PRODUCT_NAME = 'Huntkit';

/** The copyright line of the footer, the README and LICENSE; change all three together. */
export const COPYRIGHT_LINE = '© 2026 The Huntkit authors. All rights reserved.';
