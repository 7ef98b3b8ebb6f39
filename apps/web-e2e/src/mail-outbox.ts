import { simpleParser } from 'mailparser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_OUTBOX_DIR } from '../playwright.config';

/** Waits for the worker to write a mail to `to` and returns its first link that contains `pathPart`. */
export async function linkFromMail(to: string, pathPart: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const safeRecipient = to.replace(/[^a-zA-Z0-9@._-]/g, '_');
  for (;;) {
    const files = (() => {
      try {
        return readdirSync(E2E_OUTBOX_DIR).filter((name) => name.endsWith(`${safeRecipient}.eml`));
      } catch {
        return [];
      }
    })();
    for (const file of files) {
      const mail = await simpleParser(readFileSync(join(E2E_OUTBOX_DIR, file)));
      const link = (mail.text ?? '').match(/https?:\/\/\S+/g)?.find((url) => url.includes(pathPart));
      if (link) return link;
    }
    if (Date.now() > deadline)
      throw new Error(`no mail to ${to} with a ${pathPart} link in ${E2E_OUTBOX_DIR}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
