import { ChangeDetectionStrategy, Component, model } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** The eye button at the end of a password field: shows or hides what was typed. */
@Component({
  selector: 'hk-reveal-password',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-icon-button
      type="button"
      (click)="shown.set(!shown())"
      [attr.aria-label]="shown() ? 'Hide password' : 'Show password'"
      [attr.aria-pressed]="shown()"
    >
      <span class="material-symbols-outlined" aria-hidden="true">{{
        shown() ? 'visibility_off' : 'visibility'
      }}</span>
    </button>
  `,
})
export class RevealPassword {
  readonly shown = model(false);
}
