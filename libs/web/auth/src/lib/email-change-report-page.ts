import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { AccountService, type EmailChangeReportedDto } from '@huntkit/web/api-client';
import { problemCode, problemDetail, SessionStore } from '@huntkit/web/session';
import { FormAlert } from '@huntkit/web/ui';
import { AuthCard } from './auth-card';

const DAMAGED =
  'This link is incomplete. Open it again from the mail, or reset your password to lock others out.';

/** Problems that no retry can fix: the page stops offering its button. */
const FINAL_PROBLEMS = ['email_change_link_invalid', 'validation_failed'];

/**
 * "It wasn't me": the page behind the link mailed to the old address when someone asks to move the
 * account elsewhere. Nothing happens on load (link scanners open links); one button stops it all.
 */
@Component({
  selector: 'hk-email-change-report-page',
  imports: [RouterLink, MatButtonModule, AuthCard, FormAlert],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './email-change-report-page.html',
  styleUrl: './auth-form.scss',
})
export class EmailChangeReportPage {
  private readonly account = inject(AccountService);
  private readonly session = inject(SessionStore);

  /** From the link in the mail (bound from the query string by the router). */
  readonly token = input<string>();

  protected readonly damaged = DAMAGED;
  protected readonly reported = signal<EmailChangeReportedDto | null>(null);
  protected readonly error = signal<string | null>(null);
  /** The link cannot work: the explanation and the button give way to the error. */
  protected readonly dead = signal(false);
  protected readonly sending = signal(false);
  protected readonly missing = computed(() => !this.token());
  protected readonly heading = computed(() => {
    if (this.reported()) return 'Done';
    return this.dead() || this.missing() ? 'This link did not work' : 'Was this not you?';
  });

  protected report(): void {
    const token = this.token();
    if (!token || this.sending()) return;
    this.sending.set(true);
    this.error.set(null);
    this.account.reportEmailChange({ body: { token } }).subscribe({
      next: (reported) => {
        this.reported.set(reported);
        // Every session ended, this browser's too if it was signed in: show the app signed out.
        void this.session.load();
      },
      error: (error: unknown) => {
        const code = problemCode(error);
        this.dead.set(FINAL_PROBLEMS.includes(code ?? ''));
        this.error.set(code === 'validation_failed' ? DAMAGED : problemDetail(error));
        this.sending.set(false);
      },
    });
  }
}
