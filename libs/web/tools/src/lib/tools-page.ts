import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ToolCategoryGrid } from '@huntkit/web/catalog';
import { HeadingBlock } from '@huntkit/web/ui';
import { ToolList } from './tool-list';

@Component({
  selector: 'hk-tools-page',
  imports: [HeadingBlock, ToolCategoryGrid, ToolList],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="hk-container">
      <hk-heading-block
        eyebrow="Catalog"
        heading="Tools"
        lead="Every tool runs on Huntkit's workers and streams its output to your browser. Pick a category to see what it covers."
      />
      <aside class="notice" role="note">
        <span class="material-symbols-outlined" aria-hidden="true">schedule</span>
        <p>
          Launching runs from the browser is on its way. Meanwhile, here is what each tool does and what a run
          will cost.
        </p>
      </aside>
      <hk-tool-category-grid />
      <hk-tool-list class="list" />
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
    .list {
      margin-top: 3rem;
    }
    .notice p {
      margin: 0;
      line-height: 1.6;
    }
  `,
})
export class ToolsPage {}
