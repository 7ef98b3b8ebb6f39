/** What a person recognises a sign-in by: the browser or client, and the operating system. */
export interface DeviceDescription {
  browser: string | null;
  os: string | null;
  label: string;
}

// Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", Android says "Linux".
const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\b(?:OPR|Opera)\/(\d+)/, 'Opera'],
  [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/\b(?:Chrome|CriOS|Chromium)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  [/^curl\/(\d+)/, 'curl'],
  [/^python-requests\/(\d+)/, 'Python requests'],
  [/^Go-http-client\/(\d+)/, 'Go HTTP client'],
  [/\bnode(?:-fetch)?\/?(\d+)?/i, 'Node.js'],
];
const SYSTEMS: readonly [RegExp, string][] = [
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows NT\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/** The browser (name and major version) and system a user agent names, by the tables above. */
function identify(userAgent: string | null | undefined) {
  const agent = userAgent ?? '';
  const browserMatch = BROWSERS.find(([pattern]) => pattern.test(agent));
  return {
    browserName: browserMatch?.[1] ?? null,
    version: browserMatch ? browserMatch[0].exec(agent)?.[1] : undefined,
    os: SYSTEMS.find(([pattern]) => pattern.test(agent))?.[1] ?? null,
  };
}

/** A short description of a user agent, such as "Firefox 128 on Linux", without a parsing library. */
export function describeDevice(userAgent: string | null | undefined): DeviceDescription {
  const { browserName, version, os } = identify(userAgent);
  const browser = browserName ? `${browserName}${version ? ` ${version}` : ''}` : null;
  const label = browser && os ? `${browser} on ${os}` : (browser ?? os ?? 'Unknown device');
  return { browser, os, label };
}

/**
 * The browser and system without versions, e.g. "Firefox|Linux": what stays the same when a known
 * device updates its browser, so updates do not look like new devices.
 */
export function deviceFamily(userAgent: string | null | undefined): string {
  const { browserName, os } = identify(userAgent);
  return `${browserName ?? '?'}|${os ?? '?'}`;
}
