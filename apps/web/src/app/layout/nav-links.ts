/** The pages the navbar and the mobile menu link to; one list so both stay the same. */
export interface NavLink {
  label: string;
  icon: string;
  /** In-app route, or an absolute path served outside the SPA (the API docs). */
  route?: string;
  href?: string;
}

export const NAV_LINKS: readonly NavLink[] = [
  { label: 'Tools', icon: 'construction', route: '/tools' },
  { label: 'API docs', icon: 'api', href: '/api/docs' },
];

/** The signed-in user's menu; pages join it as they are built. */
export interface AccountLink extends NavLink {
  route: string;
  /** Shown only to admins and superadmins. */
  adminOnly?: boolean;
  fragment?: string;
}

export const ACCOUNT_LINKS: readonly AccountLink[] = [
  { label: 'My runs', icon: 'history', route: '/runs' },
  { label: 'Billing & plan', icon: 'credit_card', route: '/billing' },
  { label: 'Account settings', icon: 'manage_accounts', route: '/account' },
  { label: 'API tokens', icon: 'key', route: '/account', fragment: 'api-tokens' },
];
