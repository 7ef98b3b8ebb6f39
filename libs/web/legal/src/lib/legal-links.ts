export type LegalSlug = 'terms' | 'privacy' | 'acceptable-use';

export interface LegalLink {
  slug: LegalSlug;
  title: string;
}

/** The legal documents, in the order the footer lists them. */
export const LEGAL_LINKS: readonly LegalLink[] = [
  { slug: 'terms', title: 'Terms of Service' },
  { slug: 'privacy', title: 'Privacy Policy' },
  { slug: 'acceptable-use', title: 'Acceptable Use' },
];
