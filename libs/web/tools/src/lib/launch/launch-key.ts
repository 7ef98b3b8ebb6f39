/** A key the API accepts: 8 to 100 letters, digits, dashes or underscores. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only in secure contexts (https, localhost); a plain-http deployment still works.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * The idempotency key of the launch the person intends. A retry or a double click sends the same
 * request with the same key, so the API answers with the run it already made instead of charging
 * twice. Different settings are a different launch, and so is the next one after a success.
 */
export class LaunchKey {
  private key: string | null = null;
  private request = '';

  constructor(private readonly create: () => string = newIdempotencyKey) {}

  for(request: unknown): string {
    const text = JSON.stringify(request);
    if (this.key === null || text !== this.request) {
      this.key = this.create();
      this.request = text;
    }
    return this.key;
  }

  /** After a launch went through, or the API refused the key itself. */
  renew(): void {
    this.key = null;
  }
}
