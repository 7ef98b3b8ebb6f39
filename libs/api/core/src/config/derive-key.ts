import { hkdfSync } from 'node:crypto';

/** A key for one purpose derived from APP_SECRET, so no two mechanisms ever share a key. */
export function deriveKey(appSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'huntkit', purpose, 32));
}
