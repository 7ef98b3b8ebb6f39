import type { Page } from '@playwright/test';

/**
 * Stand-ins for the two third-party scripts the sign-in pages load, which this machine cannot reach:
 * Cloudflare's Turnstile widget and Google's Identity Services (One Tap). The page asks for the real
 * URLs (its content security policy allows only those); the test answers them with these scripts.
 * They offer the same calls Huntkit makes and hand the page what the real ones would: a token that
 * the Turnstile stand-in's siteverify judges, and an ID token signed by the local OpenID provider.
 */

const TURNSTILE_SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js**';
const GOOGLE_IDENTITY_SCRIPT = 'https://accounts.google.com/gsi/client';

/** Shared look of both stand-ins: a small dark card like the providers' own. */
const CARD_STYLE =
  'display:flex;align-items:center;gap:12px;box-sizing:border-box;padding:0 16px;border:1px solid #4a4a4a;' +
  'border-radius:8px;background:#232323;color:#f2f2f2;font:14px system-ui;';

/**
 * The Turnstile widget: a "Verify you are human" checkbox. Ticking it gives the page a token that
 * siteverify passes (`pass-…`, once) or refuses (`fail-…`), as Cloudflare does for a person or a bot.
 */
export async function useTurnstileStandIn(page: Page, outcome: 'pass' | 'fail' = 'pass'): Promise<void> {
  const script = `(() => {
    const widgets = new Map();
    let count = 0;
    window.turnstile = {
      render(container, options) {
        const id = 'stand-in-' + (count += 1);
        const label = document.createElement('label');
        label.style.cssText = ${JSON.stringify(CARD_STYLE)} + 'width:300px;height:65px;cursor:pointer';
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.style.cssText = 'width:22px;height:22px;margin:0';
        const text = document.createElement('span');
        text.textContent = 'Verify you are human';
        label.append(box, text);
        box.addEventListener('change', () => {
          if (box.checked) options.callback?.(${JSON.stringify(outcome)} + '-' + crypto.randomUUID());
        });
        container.append(label);
        widgets.set(id, { label, box });
        return id;
      },
      reset(id) {
        const widget = widgets.get(id);
        if (widget) widget.box.checked = false;
      },
      remove(id) {
        widgets.get(id)?.label.remove();
        widgets.delete(id);
      },
    };
  })();`;
  await page.route(TURNSTILE_SCRIPT, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: script }),
  );
}

/**
 * Google One Tap: `prompt()` shows a "Continue as …" card; choosing it sets Google's g_csrf_token
 * cookie on the page's origin and hands the page `credential`, as Google's script does.
 */
export async function useGoogleOneTapStandIn(
  page: Page,
  credential: string,
  account: { name: string; email: string },
): Promise<void> {
  const script = `(() => {
    let options = null;
    let card = null;
    window.google = { accounts: { id: {
      initialize(given) { options = given; },
      prompt() {
        card = document.createElement('div');
        card.setAttribute('role', 'dialog');
        card.setAttribute('aria-label', 'Sign in to Huntkit with google.com');
        card.style.cssText = ${JSON.stringify(CARD_STYLE)} +
          'position:fixed;top:76px;right:16px;z-index:10000;flex-direction:column;align-items:stretch;padding:16px;width:320px;max-width:calc(100vw - 32px)';
        const who = document.createElement('p');
        who.style.margin = '0';
        who.textContent = ${JSON.stringify(`${account.name} · ${account.email}`)};
        const choose = document.createElement('button');
        choose.textContent = ${JSON.stringify(`Continue as ${account.name.split(' ')[0]}`)};
        choose.style.cssText = 'padding:10px;border:0;border-radius:20px;background:#8ab4f8;color:#202124;font:inherit;cursor:pointer';
        choose.addEventListener('click', () => {
          const csrf = crypto.randomUUID();
          document.cookie = 'g_csrf_token=' + csrf + '; path=/';
          card.remove();
          options.callback({ credential: ${JSON.stringify(credential)}, select_by: 'user' });
        });
        card.append(who, choose);
        document.body.append(card);
      },
      cancel() { card?.remove(); },
    } } };
  })();`;
  await page.route(GOOGLE_IDENTITY_SCRIPT, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: script }),
  );
}
