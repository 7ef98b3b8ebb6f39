import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { AccountSecurityService } from '@huntkit/web/api-client';
import { problemCode, UserDatePipe } from '@huntkit/web/session';
import { AsyncContent, dialogSize, FormAlert } from '@huntkit/web/ui';
import { accountAction } from './account-action';
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
  private readonly action = accountAction<Action>();
  protected readonly busy = this.action.busy;
  protected readonly error = this.action.error;

  protected turnOn(): void {
    this.action.run('turn-on', () => this.api.startMfaEnrollment(), {
      failed: this.reloadIfChanged,
      done: (enrollment) =>
        this.dialog
          .open(MfaEnrollmentDialog, { ...dialogSize('36rem'), data: enrollment })
          .afterClosed()
          .subscribe(() => {
            this.status.reload();
            this.changes.changed();
          }),
    });
  }

  protected newBackupCodes(): void {
    this.action.run('new-codes', () => this.api.regenerateBackupCodes(), {
      confirm: {
        title: 'Make new backup codes?',
        message: 'Your current backup codes stop working at once. Save the new ones before you close them.',
        confirmLabel: 'Make new codes',
      },
      failed: this.reloadIfChanged,
      done: ({ backupCodes }) => {
        this.status.reload();
        this.dialog.open(BackupCodesDialog, {
          ...dialogSize('32rem'),
          data: backupCodes,
          disableClose: true,
        });
      },
    });
  }

  protected turnOff(): void {
    this.action.run('turn-off', () => this.api.disableMfa(), {
      confirm: {
        title: 'Turn off two-factor authentication?',
        message:
          'Signing in will need only your password again, and your backup codes stop working. You can turn it back on at any time.',
        confirmLabel: 'Turn off',
        destructive: true,
      },
      failed: this.reloadIfChanged,
      done: () => this.status.reload(),
    });
  }

  /** Turned on or off from another tab meanwhile (an `mfa_…` refusal): show how things stand now. */
  private readonly reloadIfChanged = (error: unknown) => {
    if (problemCode(error)?.startsWith('mfa_')) this.status.reload();
  };
}
