import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { HeadingBlock } from '@huntkit/web/ui';
import { LEGAL_DOCUMENTS } from './legal-documents';
import type { LegalSlug } from './legal-links';

@Component({
  selector: 'hk-legal-page',
  imports: [HeadingBlock],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="hk-container">
      <hk-heading-block eyebrow="Legal" [heading]="document().title" [lead]="document().summary" />
      <p class="updated">Last updated {{ document().updated }}</p>
      @for (section of document().sections; track section.heading) {
        <section>
          <h2>{{ section.heading }}</h2>
          @for (paragraph of section.paragraphs; track $index) {
            <p>{{ paragraph }}</p>
          }
        </section>
      }
    </article>
  `,
  styles: `
    article {
      max-width: 48rem;
    }
    .updated {
      margin: -1.5rem 0 2.5rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    h2 {
      margin: 2.25rem 0 0.75rem;
      font-family: var(--hk-brand-font);
      font-size: 1.35rem;
    }
    p {
      margin: 0 0 1rem;
      color: var(--mat-sys-on-surface-variant);
      line-height: 1.75;
    }
  `,
})
export class LegalPage {
  /** Bound from the route's data by the router (component input binding). */
  readonly slug = input.required<LegalSlug>();
  protected readonly document = computed(() => LEGAL_DOCUMENTS[this.slug()]);
}
