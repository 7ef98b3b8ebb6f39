import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { AccountSecurityService, type MfaEnrollmentDto } from '@huntkit/web/api-client';
import { secondFactorError } from '@huntkit/web/session';
import { FormAlert, SecondFactorEntry, SecondFactorField } from '@huntkit/web/ui';
import { accountAction } from './account-action';
import { BackupCodes } from './backup-codes';
import { CopyButton } from './copy-button';

/** The key in groups of four, as authenticator apps show and accept it. */
export const groupSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Turning two-factor authentication on, in two steps: connect the authenticator app (QR code, or the
 * key typed in) and prove it with a code; then the backup codes, shown once. Closes with `true` once
 * two-factor authentication is on.
 */
@Component({
  selector: 'hk-mfa-enrollment-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    BackupCodes,
    CopyButton,
    FormAlert,
    SecondFactorField,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mfa-enrollment-dialog.html',
  styleUrl: './mfa-enrollment-dialog.scss',
})
export class MfaEnrollmentDialog {
  private readonly api = inject(AccountSecurityService);
  private readonly dialog = inject<MatDialogRef<MfaEnrollmentDialog, boolean>>(MatDialogRef);

  protected readonly enrollment = inject<MfaEnrollmentDto>(MAT_DIALOG_DATA);
  protected readonly groupedSecret = groupSecret(this.enrollment.secret);
  /** Present once the code was accepted: two-factor authentication is on from that moment. */
  protected readonly backupCodes = signal<string[] | null>(null);
  protected readonly saved = signal(false);

  protected readonly code = new SecondFactorEntry();
  protected readonly form = new FormGroup({ code: this.code.control });
  private readonly action = accountAction<'confirm'>();
  protected readonly confirming = computed(() => this.action.busy() !== null);
  protected readonly error = this.action.error;

  protected confirm(): void {
    if (this.confirming()) return; // each code works once: a second press would be refused
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const code = this.code.control.value.trim();
    this.action.run('confirm', () => this.api.confirmMfaEnrollment({ body: { code } }), {
      // The security panel counts the change when this dialog closes.
      recorded: false,
      // A wrong code says how many tries are left.
      message: secondFactorError,
      done: ({ backupCodes }) => {
        this.backupCodes.set(backupCodes);
        // From here the codes must be acknowledged: no closing by Escape or a click beside the dialog.
        this.dialog.disableClose = true;
      },
    });
  }

  protected close(): void {
    this.dialog.close(this.backupCodes() !== null);
  }
}
