import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { ToolCategoryGrid } from '@huntkit/web/catalog';
import { SessionStore } from '@huntkit/web/session';
import { HeadingBlock } from '@huntkit/web/ui';
import { ToolList } from './tool-list';

@Component({
  selector: 'hk-tools-page',
  imports: [MatButtonModule, RouterLink, HeadingBlock, ToolCategoryGrid, ToolList],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="hk-container">
      <div class="head">
        <hk-heading-block
          eyebrow="Catalog"
          heading="Tools"
          lead="Every tool runs on Huntkit's workers and streams its output to your browser. Pick one to configure and launch it."
        />
        @if (session.signedIn()) {
          <a mat-stroked-button routerLink="/runs" class="runs">
            <span class="material-symbols-outlined" aria-hidden="true">history</span>Your runs
          </a>
        }
      </div>
      <hk-tool-category-grid />
      <hk-tool-list class="list" />
    </div>
  `,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 0 2rem;
      align-items: flex-end;
      justify-content: space-between;
    }
    .runs {
      margin-bottom: 2.5rem;
    }
    .runs .material-symbols-outlined {
      margin-right: 0.4rem;
      font-size: 1.2rem;
    }
    .list {
      margin-top: 3rem;
    }
  `,
})
export class ToolsPage {
  protected readonly session = inject(SessionStore);
}
