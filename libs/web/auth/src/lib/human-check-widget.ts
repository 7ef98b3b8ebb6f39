import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  effect,
  inject,
  signal,
  viewChild,
  DestroyRef,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { HumanCheckToken } from '@huntkit/web/session';
import { loadExternalScript } from './external-script';
import { SignInProviders } from './social-sign-in';

interface TurnstileApi {
  render(element: HTMLElement, options: Record<string, unknown>): string;
  reset(widgetId: string): void;
  remove(widgetId: string): void;
}

const SCRIPT_URL = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

async function loadTurnstile(document: Document): Promise<TurnstileApi> {
  await loadExternalScript(document, SCRIPT_URL);
  const api = (document.defaultView as (Window & { turnstile?: TurnstileApi }) | null)?.turnstile;
  if (!api) throw new Error('Turnstile did not start');
  return api;
}

/**
 * Cloudflare Turnstile on the forms the API guards, when the site has it configured (nothing at all
 * otherwise). The token goes to HumanCheckToken, which the HTTP interceptor sends with the request.
 */
@Component({
  selector: 'hk-human-check',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (siteKey()) {
      <div #box class="box"></div>
      @if (failed()) {
        <p class="failed" role="alert">
          The check that you are human could not load. Reload the page to try again.
        </p>
      }
    }
  `,
  styles: `
    .box {
      min-height: 65px;
      margin: 0.25rem 0 1rem;
    }
    .failed {
      margin: 0 0 1rem;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class HumanCheckWidget {
  private readonly document = inject(DOCUMENT);
  private readonly token = inject(HumanCheckToken);
  private readonly box = viewChild<ElementRef<HTMLElement>>('box');
  private readonly options = toSignal(inject(SignInProviders).load(), { initialValue: null });
  protected readonly siteKey = computed(() => this.options()?.turnstileSiteKey ?? null);
  protected readonly failed = signal(false);
  private widget: { api: TurnstileApi; id: string } | null = null;

  constructor() {
    effect(() => {
      const siteKey = this.siteKey();
      const box = this.box()?.nativeElement;
      if (!siteKey || !box || this.widget) return;
      loadTurnstile(this.document).then(
        (api) => {
          this.widget = {
            api,
            id: api.render(box, {
              sitekey: siteKey,
              theme: 'dark',
              callback: (value: string) => this.token.set(value),
              'expired-callback': () => this.token.set(null),
              'error-callback': () => this.token.set(null),
            }),
          };
        },
        () => this.failed.set(true),
      );
    });
    // A spent token cannot be used again: ask for a new one for the next attempt.
    effect(() => {
      if (this.token.spent() && this.widget) this.widget.api.reset(this.widget.id);
    });
    inject(DestroyRef).onDestroy(() => {
      if (this.widget) this.widget.api.remove(this.widget.id);
      this.token.set(null);
    });
  }
}
