import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** Copies a value to the clipboard and says so for a moment. */
@Component({
  selector: 'hk-copy-button',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-stroked-button type="button" (click)="copy()">
      <span class="material-symbols-outlined" aria-hidden="true">{{
        copied() ? 'check' : 'content_copy'
      }}</span>
      {{ copied() ? 'Copied' : label() }}
    </button>
    <span class="visually-hidden" aria-live="polite">{{ copied() ? 'Copied to the clipboard' : '' }}</span>
  `,
  styles: `
    .material-symbols-outlined {
      font-size: 1.1rem;
      margin-right: 0.35rem;
      vertical-align: -0.2rem;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
  `,
})
export class CopyButton {
  readonly value = input.required<string>();
  readonly label = input('Copy');
  protected readonly copied = signal(false);

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.value());
      this.copied.set(true);
      setTimeout(() => this.copied.set(false), 2000);
    } catch {
      this.copied.set(false); // no clipboard access (insecure context): the value stays selectable
    }
  }
}
