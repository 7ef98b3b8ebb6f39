import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/**
 * The three states of content loaded from the API: a spinner while loading, an error with a retry
 * button, or the projected content once it has arrived.
 */
@Component({
  selector: 'hk-async-content',
  imports: [MatButtonModule, MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loading()) {
      <div class="state" role="status">
        <mat-spinner diameter="36" /><span>{{ loadingText() }}</span>
      </div>
    } @else if (failed()) {
      <div class="state" role="alert">
        <span class="material-symbols-outlined" aria-hidden="true">cloud_off</span>
        <span>{{ errorText() }}</span>
        <button mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
      </div>
    } @else {
      <ng-content />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .state {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: center;
      gap: 1rem;
      min-height: 10rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AsyncContent {
  readonly loading = input(false);
  readonly failed = input(false);
  readonly loadingText = input('Loading…');
  readonly errorText = input('This could not be loaded.');
  readonly retry = output();
}
