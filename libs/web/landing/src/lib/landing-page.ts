import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { ToolCategoryGrid } from '@huntkit/web/catalog';
import { HeadingBlock, IconCard } from '@huntkit/web/ui';
import { BENEFITS, STEPS } from './landing-content';
import { TerminalDemo } from './terminal-demo';

@Component({
  selector: 'hk-landing-page',
  imports: [RouterLink, MatButtonModule, HeadingBlock, IconCard, TerminalDemo, ToolCategoryGrid],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './landing-page.html',
  styleUrl: './landing-page.scss',
})
export class LandingPage {
  protected readonly benefits = BENEFITS;
  protected readonly steps = STEPS;
}
