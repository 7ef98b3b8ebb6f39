/** Only same-site paths: `//evil.example` or `https://…` would turn sign-in into an open redirect. */
export function safeReturnUrl(candidate: string | undefined, fallback = '/'): string {
  return candidate && candidate.startsWith('/') && !candidate.startsWith('//') && !candidate.startsWith('/\\')
    ? candidate
    : fallback;
}
