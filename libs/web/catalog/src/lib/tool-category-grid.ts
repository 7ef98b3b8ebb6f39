import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ToolsService } from '@huntkit/web/api-client';
import { AsyncContent, IconCard } from '@huntkit/web/ui';

/** The tool categories from the API as a card grid, with its own loading, error and retry states. */
@Component({
  selector: 'hk-tool-category-grid',
  imports: [AsyncContent, IconCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <hk-async-content
      [loading]="categories.isLoading()"
      [failed]="!!categories.error()"
      loadingText="Loading the catalog…"
      errorText="The catalog could not be loaded."
      (retry)="categories.reload()"
    >
      <div class="hk-card-grid">
        @for (category of categoryList(); track category.id) {
          <hk-icon-card [icon]="category.icon" [heading]="category.name">
            {{ category.summary }}
            <span class="count">{{ category.toolCount }} tool{{ category.toolCount === 1 ? '' : 's' }}</span>
          </hk-icon-card>
        }
      </div>
    </hk-async-content>
  `,
  styles: `
    :host {
      display: block;
    }
    .count {
      display: block;
      margin-top: 0.75rem;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
    }
  `,
})
export class ToolCategoryGrid {
  private readonly tools = inject(ToolsService);
  protected readonly categories = rxResource({ stream: () => this.tools.listToolCategories() });
  /** Empty unless loaded: the projected grid is evaluated even while the error state shows. */
  protected readonly categoryList = computed(() =>
    this.categories.hasValue() ? this.categories.value() : [],
  );
}
