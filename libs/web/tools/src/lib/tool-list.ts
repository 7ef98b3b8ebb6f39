import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { ToolsService } from '@huntkit/web/api-client';
import { AsyncContent } from '@huntkit/web/ui';

/**
 * Every tool of the catalog by category, with its cost and whether it can run, and a search box. Each
 * tool opens its own page, where it is configured and launched.
 */
@Component({
  selector: 'hk-tool-list',
  imports: [FormsModule, RouterLink, MatFormFieldModule, MatInputModule, AsyncContent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" class="search">
      <mat-label>Search tools</mat-label>
      <span matPrefix class="material-symbols-outlined prefix" aria-hidden="true">search</span>
      <input matInput type="search" [ngModel]="query()" (ngModelChange)="query.set($event)" />
    </mat-form-field>
    <hk-async-content
      [loading]="catalog.isLoading()"
      [failed]="!!catalog.error()"
      loadingText="Loading the tools…"
      errorText="The tools could not be loaded."
      (retry)="catalog.reload()"
    >
      @for (group of groups(); track group.id) {
        <section class="group" [attr.aria-labelledby]="'tools-' + group.id">
          <h2 [id]="'tools-' + group.id">
            <span class="material-symbols-outlined" aria-hidden="true">{{ group.icon }}</span
            >{{ group.name }}
          </h2>
          <ul>
            @for (tool of group.tools; track tool.id) {
              <li>
                <a
                  class="tool"
                  [class.unavailable]="tool.unavailableReason"
                  [routerLink]="['/tools', tool.id]"
                >
                  <div>
                    <p class="name">{{ tool.name }}</p>
                    <p class="summary">{{ tool.summary }}</p>
                    @if (tool.unavailableReason) {
                      <p class="reason">Unavailable: {{ tool.unavailableReason }}</p>
                    }
                  </div>
                  <span class="cost">{{ tool.cost }} credit{{ tool.cost === 1 ? '' : 's' }}</span>
                  <span class="material-symbols-outlined go" aria-hidden="true">chevron_right</span>
                </a>
              </li>
            }
          </ul>
        </section>
      } @empty {
        <p class="empty">No tool matches “{{ query() }}”.</p>
      }
    </hk-async-content>
  `,
  styles: `
    :host {
      display: block;
    }
    .search {
      width: min(100%, 28rem);
    }
    .prefix {
      margin: 0 0.5rem 0 0.75rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .group {
      margin-bottom: 2rem;
    }
    h2 {
      display: flex;
      gap: 0.6rem;
      align-items: center;
      margin: 0 0 0.75rem;
      font: 600 1.2rem var(--hk-brand-font);
    }
    h2 .material-symbols-outlined {
      color: var(--mat-sys-primary);
    }
    ul {
      display: grid;
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .tool {
      display: flex;
      gap: 1rem;
      align-items: flex-start;
      justify-content: space-between;
      padding: 1rem 0.75rem 1rem 1.25rem;
      border-radius: 14px;
      color: inherit;
      text-decoration: none;
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
      transition:
        border-color 0.2s ease,
        background 0.2s ease;
    }
    .tool:hover {
      border-color: color-mix(in srgb, var(--mat-sys-primary) 45%, transparent);
      background: var(--mat-sys-surface-container);
    }
    .tool > div {
      flex: 1;
      min-width: 0;
    }
    .tool.unavailable {
      opacity: 0.7;
    }
    .tool p {
      margin: 0;
    }
    .go {
      align-self: center;
      color: var(--mat-sys-on-surface-variant);
    }
    .name {
      font-weight: 600;
    }
    .summary,
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
    .summary {
      margin-top: 0.25rem !important;
    }
    .reason {
      margin-top: 0.4rem !important;
      color: var(--hk-warning);
      font: var(--mat-sys-body-small);
    }
    .cost {
      flex: none;
      padding: 0.2rem 0.7rem;
      border-radius: 999px;
      font: 600 0.85rem var(--hk-mono-font);
      background: var(--mat-sys-surface-container-high);
    }
  `,
})
export class ToolList {
  private readonly api = inject(ToolsService);
  protected readonly query = signal('');
  protected readonly catalog = rxResource({
    stream: () => this.api.listTools(),
  });
  private readonly categories = rxResource({ stream: () => this.api.listToolCategories() });

  protected readonly groups = computed(() => {
    const words = this.query().trim().toLowerCase().split(/\s+/).filter(Boolean);
    const tools = (this.catalog.hasValue() ? this.catalog.value() : []).filter((tool) =>
      words.every((word) => `${tool.name} ${tool.summary} ${tool.category}`.toLowerCase().includes(word)),
    );
    const categories = this.categories.hasValue() ? this.categories.value() : [];
    return categories
      .map((category) => ({ ...category, tools: tools.filter((tool) => tool.category === category.id) }))
      .filter((group) => group.tools.length > 0);
  });
}
