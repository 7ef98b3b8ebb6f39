import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { ToolsService } from '@huntkit/web/api-client';
import { AsyncContent, HeadingBlock, IconCard } from '@huntkit/web/ui';
import { BENEFITS, STEPS } from './landing-content';
import { TerminalDemo } from './terminal-demo';

@Component({
  selector: 'hk-landing-page',
  imports: [RouterLink, MatButtonModule, AsyncContent, HeadingBlock, IconCard, TerminalDemo],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './landing-page.html',
  styleUrl: './landing-page.scss',
})
export class LandingPage {
  private readonly tools = inject(ToolsService);
  protected readonly categories = rxResource({ stream: () => this.tools.listToolCategories() });
  /** Empty unless loaded: the projected grid is evaluated even while the error state shows. */
  protected readonly categoryList = computed(() =>
    this.categories.hasValue() ? this.categories.value() : [],
  );
  protected readonly benefits = BENEFITS;
  protected readonly steps = STEPS;
}
