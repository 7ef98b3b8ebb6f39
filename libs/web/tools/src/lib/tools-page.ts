import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ToolsService } from '@huntkit/web/api-client';
import { IconCard, PageHeader } from '@huntkit/web/ui';

@Component({
  selector: 'hk-tools-page',
  imports: [MatButtonModule, MatProgressSpinnerModule, IconCard, PageHeader],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="hk-container">
      <hk-page-header
        eyebrow="Catalog"
        heading="Tools"
        lead="Every tool runs on Huntkit's workers and streams its output to your browser. Pick a category to see what it covers."
      />
      <aside class="notice" role="note">
        <span class="material-symbols-outlined" aria-hidden="true">schedule</span>
        <p>
          Launching runs opens together with accounts and credits. The categories below are what the catalog
          will hold.
        </p>
      </aside>
      @if (categories.isLoading()) {
        <div class="state" role="status"><mat-spinner diameter="36" /><span>Loading the catalog…</span></div>
      } @else if (categories.error()) {
        <div class="state" role="alert">
          <span>The catalog could not be loaded.</span>
          <button mat-stroked-button type="button" (click)="categories.reload()">Try again</button>
        </div>
      } @else {
        <div class="grid">
          @for (category of categories.value(); track category.id) {
            <hk-icon-card [icon]="category.icon" [heading]="category.name">{{
              category.summary
            }}</hk-icon-card>
          }
        </div>
      }
    </div>
  `,
  styles: `
    .notice {
      display: flex;
      gap: 0.9rem;
      align-items: flex-start;
      margin: 0 0 2rem;
      padding: 1rem 1.25rem;
      border-radius: 12px;
      background: color-mix(in srgb, var(--mat-sys-tertiary) 8%, transparent);
      border: 1px solid color-mix(in srgb, var(--mat-sys-tertiary) 30%, transparent);
      color: var(--mat-sys-on-surface);
    }
    .notice .material-symbols-outlined {
      color: var(--mat-sys-tertiary);
    }
    .notice p {
      margin: 0;
      line-height: 1.6;
    }
    .grid {
      display: grid;
      gap: 1.25rem;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 19rem), 1fr));
    }
    .state {
      display: flex;
      gap: 1rem;
      align-items: center;
      justify-content: center;
      min-height: 10rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ToolsPage {
  private readonly tools = inject(ToolsService);
  protected readonly categories = rxResource({ stream: () => this.tools.listToolCategories() });
}
