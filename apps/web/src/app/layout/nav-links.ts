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
