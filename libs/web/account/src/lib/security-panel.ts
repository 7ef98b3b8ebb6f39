import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { AccountSecurityService } from '@huntkit/web/api-client';
import { isReauthenticationRequired, problemCode, problemDetail, UserDatePipe } from '@huntkit/web/session';
import { AsyncContent, ConfirmDialog, type ConfirmDialogData, dialogSize, FormAlert } from '@huntkit/web/ui';
import { filter, type Observable } from 'rxjs';
import { BackupCodesDialog } from './backup-codes';
import { MfaEnrollmentDialog } from './mfa-enrollment-dialog';
import { AccountChanges } from './account-changes';

/** At or under this many unused backup codes, the page suggests making new ones. */
export const FEW_BACKUP_CODES = 3;

type Action = 'turn-on' | 'new-codes' | 'turn-off';

/**
 * Two-factor authentication of the signed-in account: whether it is on and how many backup codes are
 * left; turning it on, new backup codes, turning it off. Each change is a sensitive action: when the
 * sign-in is older than the API's window, "Confirm it's you" comes first (the re-auth interceptor).
 */
@Component({
  selector: 'hk-security-panel',
  imports: [MatButtonModule, AsyncContent, FormAlert, UserDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './security-panel.html',
  styleUrls: ['./panel.scss', './security-panel.scss'],
})
export class SecurityPanel {
  private readonly api = inject(AccountSecurityService);
  private readonly changes = inject(AccountChanges);
  private readonly dialog = inject(MatDialog);

  protected readonly status = rxResource({ stream: () => this.api.getMfaStatus() });
  /** First load only: a reload after a change keeps the status on screen. */
  protected readonly loading = computed(() => this.status.isLoading() && !this.status.hasValue());
  protected readonly failed = computed(() => this.status.status() === 'error');
  protected readonly fewCodesLeft = computed(() => {
    const status = this.status.hasValue() ? this.status.value() : null;
    return !!status?.enabled && status.backupCodesLeft <= FEW_BACKUP_CODES;
  });
  protected readonly busy = signal<Action | null>(null);
  protected readonly error = signal<string | null>(null);

  protected turnOn(): void {
    this.run('turn-on', this.api.startMfaEnrollment(), (enrollment) =>
      this.dialog
        .open(MfaEnrollmentDialog, { ...dialogSize('36rem'), data: enrollment })
        .afterClosed()
        .subscribe(() => {
          this.status.reload();
          this.changes.changed();
        }),
    );
  }

  protected newBackupCodes(): void {
    this.ask({
      title: 'Make new backup codes?',
      message: 'Your current backup codes stop working at once. Save the new ones before you close them.',
      confirmLabel: 'Make new codes',
    }).subscribe(() =>
      this.run('new-codes', this.api.regenerateBackupCodes(), ({ backupCodes }) => {
        this.status.reload();
        this.dialog.open(BackupCodesDialog, {
          ...dialogSize('32rem'),
          data: backupCodes,
          disableClose: true,
        });
      }),
    );
  }

  protected turnOff(): void {
    this.ask({
      title: 'Turn off two-factor authentication?',
      message:
        'Signing in will need only your password again, and your backup codes stop working. You can turn it back on at any time.',
      confirmLabel: 'Turn off',
      destructive: true,
    }).subscribe(() => this.run('turn-off', this.api.disableMfa(), () => this.status.reload()));
  }

  private ask(question: ConfirmDialogData): Observable<boolean> {
    return ConfirmDialog.ask(this.dialog, question).pipe(filter(Boolean));
  }

  /** One change at a time; its failure is shown in the section, its success handed to `done`. */
  private run<T>(action: Action, request: Observable<T>, done: (answer: T) => void): void {
    if (this.busy()) return;
    this.busy.set(action);
    this.error.set(null);
    request.pipe(this.changes.recorded()).subscribe({
      next: (answer) => {
        this.busy.set(null);
        done(answer);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        // Cancelling "Confirm it's you" is a choice, not a failure worth a red message.
        if (isReauthenticationRequired(error)) return;
        this.error.set(problemDetail(error));
        // Turned on or off from another tab meanwhile: show how things stand now.
        if (problemCode(error)?.startsWith('mfa_')) this.status.reload();
      },
    });
  }
}
