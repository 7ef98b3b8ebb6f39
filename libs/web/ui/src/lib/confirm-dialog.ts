import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { map, type Observable } from 'rxjs';

export interface ConfirmDialogData {
  title: string;
  message: string;
  confirmLabel: string;
  /** For actions that take something away: the confirm button is drawn in the error colour. */
  destructive?: boolean;
}

/** Sizes every Huntkit dialog alike, and keeps it inside a phone's screen. */
export const dialogSize = (width: string) => ({ width, maxWidth: 'calc(100vw - 2rem)' });

/**
 * "Are you sure?" before an action that cannot be taken back; closes with `true` when confirmed. Focus
 * starts on Cancel, so a stray Enter takes nothing away.
 */
@Component({
  selector: 'hk-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Cancel</button>
      <button mat-flat-button type="button" [class.destructive]="data.destructive" [mat-dialog-close]="true">
        {{ data.confirmLabel }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    p {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);

  /** Emits once: whether the person confirmed (closing the dialog any other way is a no). */
  static ask(dialog: MatDialog, data: ConfirmDialogData): Observable<boolean> {
    return dialog
      .open(ConfirmDialog, { ...dialogSize('26rem'), data, role: 'alertdialog' })
      .afterClosed()
      .pipe(map((confirmed) => confirmed === true));
  }
}
