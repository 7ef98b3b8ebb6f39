import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { ToolsService } from '@huntkit/web/api-client';
import { IconCard } from '@huntkit/web/ui';
import { BENEFITS, STEPS } from './landing-content';
import { TerminalDemo } from './terminal-demo';

@Component({
  selector: 'hk-landing-page',
  imports: [RouterLink, MatButtonModule, MatProgressSpinnerModule, IconCard, TerminalDemo],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './landing-page.html',
  styleUrl: './landing-page.scss',
})
export class LandingPage {
  private readonly tools = inject(ToolsService);
  protected readonly categories = rxResource({ stream: () => this.tools.listToolCategories() });
  protected readonly benefits = BENEFITS;
  protected readonly steps = STEPS;
}
