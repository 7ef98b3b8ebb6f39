import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The error of a form or a dialog, read from the API's problem details; renders nothing without one. */
@Component({
  selector: 'hk-form-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message(); as text) {
      <div class="alert" role="alert">
        <span class="material-symbols-outlined" aria-hidden="true">error</span>
        <span>{{ text }}</span>
      </div>
    }
  `,
  styles: `
    .alert {
      display: flex;
      gap: 0.6rem;
      align-items: flex-start;
      margin: 1.25rem 0;
      padding: 0.85rem 1rem;
      border-radius: 12px;
      text-align: left;
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
    }
  `,
})
export class FormAlert {
  readonly message = input<string | null>(null);
}
