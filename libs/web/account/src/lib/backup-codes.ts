import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, model, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule, MatDialogRef, MAT_DIALOG_DATA } from '@angular/material/dialog';
import { SessionStore } from '@huntkit/web/session';
import { CopyButton } from './copy-button';

/** The text file offered for download: the codes plus enough context to know what they are later. */
export function backupCodesFile(codes: readonly string[], account: string | undefined, on: Date): string {
  return [
    'Huntkit backup codes',
    ...(account ? [`Account: ${account}`] : []),
    `Created: ${on.toISOString().slice(0, 10)}`,
    '',
    'Each code signs you in once when your authenticator app is not at hand.',
    'Making new codes stops these from working.',
    '',
    ...codes,
    '',
  ].join('\n');
}

/**
 * Freshly made backup codes, shown this once: a grid to read, copy all, download as .txt, and the
 * "I saved them" acknowledgement the dialog waits for before it lets go.
 */
@Component({
  selector: 'hk-backup-codes',
  imports: [MatButtonModule, MatCheckboxModule, CopyButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="intro">
      Each code signs you in once when your phone is not at hand. Keep them somewhere safe, such as a password
      manager. <strong>They will not be shown again.</strong>
    </p>
    <ol class="codes" aria-label="Backup codes" data-testid="backup-codes">
      @for (code of codes(); track code) {
        <li>
          <code>{{ code }}</code>
        </li>
      }
    </ol>
    <div class="tools">
      <hk-copy-button [value]="asText()" label="Copy all" />
      <button mat-stroked-button type="button" (click)="download()">
        <span class="material-symbols-outlined" aria-hidden="true">download</span>Download .txt
      </button>
    </div>
    <mat-checkbox [checked]="saved()" (change)="saved.set($event.checked)">
      I saved these codes somewhere safe
    </mat-checkbox>
  `,
  styles: `
    :host {
      display: block;
    }
    .intro {
      margin: 0 0 1rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .intro strong {
      color: var(--mat-sys-on-surface);
    }
    .codes {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 0.5rem 1rem;
      margin: 0 0 1rem;
      padding: 1rem 1.25rem;
      border-radius: 12px;
      list-style: none;
      background: var(--hk-terminal-bg);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .codes code {
      font-family: var(--hk-mono-font);
      font-size: 1rem;
      letter-spacing: 0.06em;
      user-select: all;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-bottom: 0.75rem;
    }
    .tools .material-symbols-outlined {
      font-size: 1.1rem;
      margin-right: 0.35rem;
      vertical-align: -0.2rem;
    }
    @media (max-width: 360px) {
      .codes {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class BackupCodes {
  private readonly document = inject(DOCUMENT);
  private readonly session = inject(SessionStore);

  readonly codes = input.required<readonly string[]>();
  /** Ticked by the person once they have put the codes away. */
  readonly saved = model(false);
  protected readonly asText = computed(() => this.codes().join('\n'));

  protected download(): void {
    const text = backupCodesFile(this.codes(), this.session.user()?.email, new Date());
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = this.document.createElement('a');
    link.href = url;
    link.download = 'huntkit-backup-codes.txt';
    link.click();
    // Revoked after the click has been handled: revoking at once can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url));
  }
}

/** New backup codes (made from Account settings) shown once; "Done" waits for the acknowledgement. */
@Component({
  selector: 'hk-backup-codes-dialog',
  imports: [MatButtonModule, MatDialogModule, BackupCodes],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Your new backup codes</h2>
    <mat-dialog-content>
      <hk-backup-codes [codes]="codes" [(saved)]="saved" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" [disabled]="!saved()" (click)="dialog.close()">Done</button>
    </mat-dialog-actions>
  `,
})
export class BackupCodesDialog {
  protected readonly codes = inject<readonly string[]>(MAT_DIALOG_DATA);
  protected readonly dialog = inject(MatDialogRef);
  protected readonly saved = signal(false);
}
