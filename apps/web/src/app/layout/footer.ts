import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { COPYRIGHT_LINE } from '@huntkit/shared/brand';
import { SiteService } from '@huntkit/web/api-client';
import { Logo, SocialIcon } from '@huntkit/web/ui';
import { LEGAL_LINKS } from '@huntkit/web/legal';
import { NAV_LINKS } from './nav-links';

@Component({
  selector: 'hk-footer',
  imports: [RouterLink, Logo, SocialIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <footer>
      <div class="columns">
        <section class="brand">
          <hk-logo />
          <p>
            Recon and security tools for bug-bounty hunters and penetration testers, run from your browser.
          </p>
          @if (socialLinks().length > 0) {
            <ul class="socials" aria-label="Huntkit elsewhere">
              @for (social of socialLinks(); track social.network) {
                <li>
                  <a
                    [href]="social.url"
                    target="_blank"
                    rel="noopener noreferrer"
                    [attr.aria-label]="'Huntkit on ' + social.label"
                  >
                    <hk-social-icon [network]="social.network" />
                  </a>
                </li>
              }
            </ul>
          }
        </section>
        <nav aria-label="Product">
          <h2>Product</h2>
          <ul>
            @for (link of productLinks; track link.label) {
              <li>
                @if (link.route) {
                  <a [routerLink]="link.route">{{ link.label }}</a>
                } @else {
                  <a [href]="link.href">{{ link.label }}</a>
                }
              </li>
            }
          </ul>
        </nav>
        <nav aria-label="Legal">
          <h2>Legal</h2>
          <ul>
            @for (link of legalLinks; track link.slug) {
              <li>
                <a [routerLink]="['/legal', link.slug]">{{ link.title }}</a>
              </li>
            }
          </ul>
        </nav>
      </div>
      <p class="copyright">{{ siteInfo()?.copyright ?? fallbackCopyright }}</p>
    </footer>
  `,
  styles: `
    :host {
      display: block;
      background: var(--hk-chrome);
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    footer {
      max-width: var(--hk-content-width);
      margin: 0 auto;
      padding: 3rem 1.25rem 2rem;
    }
    .columns {
      display: grid;
      grid-template-columns: 2fr 1fr 1fr;
      gap: 2rem;
    }
    .brand p {
      max-width: 22rem;
      margin: 1rem 0;
      color: var(--mat-sys-on-surface-variant);
      line-height: 1.6;
    }
    h2 {
      margin: 0.25rem 0 1rem;
      font: var(--mat-sys-title-small);
      letter-spacing: 0.06em;
      text-transform: uppercase;
      color: var(--mat-sys-on-surface);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.6rem;
    }
    a {
      color: var(--mat-sys-on-surface-variant);
      text-decoration: none;
      border-radius: 4px;
    }
    a:hover,
    a:focus-visible {
      color: var(--mat-sys-primary);
    }
    .socials {
      display: flex;
      gap: 0.5rem;
    }
    .socials a {
      display: inline-grid;
      place-items: center;
      width: 2.5rem;
      height: 2.5rem;
      border-radius: 50%;
      background: var(--mat-sys-surface-container);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .copyright {
      margin: 2.5rem 0 0;
      padding-top: 1.5rem;
      border-top: 1px solid var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    @media (max-width: 720px) {
      .columns {
        grid-template-columns: 1fr 1fr;
      }
      .brand {
        grid-column: 1 / -1;
      }
    }
  `,
})
export class Footer {
  private readonly siteService = inject(SiteService);
  private readonly site = rxResource({ stream: () => this.siteService.getSiteInfo() });
  /** Undefined while loading or when the API cannot be reached (value() would throw then). */
  protected readonly siteInfo = computed(() => (this.site.hasValue() ? this.site.value() : undefined));
  /** A deployment may configure no networks: the list is then left out, not announced empty. */
  protected readonly socialLinks = computed(() => this.siteInfo()?.socialLinks ?? []);
  protected readonly productLinks = NAV_LINKS;
  protected readonly legalLinks = LEGAL_LINKS;
  /** Shown until the API answers (or when it cannot); the API serves the same constant. */
  protected readonly fallbackCopyright = COPYRIGHT_LINE;
}
