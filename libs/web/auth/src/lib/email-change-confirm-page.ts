import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { AccountService, type EmailChangeConfirmedDto } from '@huntkit/web/api-client';
import { problemCode, SessionStore } from '@huntkit/web/session';
import { FormAlert } from '@huntkit/web/ui';
import { AuthCard } from './auth-card';
import { mailLinkProblem } from './mail-link';

const DAMAGED =
  'This link is incomplete. Open it again from the mail, or ask for the change again from Account settings.';

/** What became of the account's sessions, in words: the change signs out every session but this one. */
export function endedSessionsText({ otherSessionsEnded: count, signedIn }: EmailChangeConfirmedDto): string {
  if (!signedIn)
    return count === 0
      ? 'Sign in with your new address.'
      : 'To keep your account safe, every session was signed out. Sign in again with your new address.';
  if (count === 0) return 'No other session was open. This browser stays signed in.';
  const ended = count === 1 ? 'your other session was' : `your ${count} other sessions were`;
  return `To keep your account safe, ${ended} signed out. This browser stays signed in.`;
}

/** The page behind the link mailed to a new address: opening it moves the account to that address. */
@Component({
  selector: 'hk-email-change-confirm-page',
  imports: [RouterLink, MatButtonModule, MatProgressSpinnerModule, AuthCard, FormAlert],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './email-change-confirm-page.html',
  styleUrl: './auth-form.scss',
})
export class EmailChangeConfirmPage implements OnInit {
  private readonly account = inject(AccountService);
  private readonly session = inject(SessionStore);

  /** From the link in the mail (bound from the query string by the router). */
  readonly token = input<string>();

  protected readonly confirmed = signal<EmailChangeConfirmedDto | null>(null);
  protected readonly error = signal<string | null>(null);
  /** A 409: the address was taken by another account in the meantime. */
  protected readonly taken = signal(false);
  protected readonly sessionsText = computed(() => {
    const confirmed = this.confirmed();
    return confirmed ? endedSessionsText(confirmed) : '';
  });
  protected readonly heading = computed(() => {
    if (this.confirmed()) return 'Email address changed';
    if (this.taken()) return 'Your address was not changed';
    return this.error() ? 'This link did not work' : 'Confirming your new address…';
  });

  ngOnInit(): void {
    const token = this.token();
    if (!token) {
      this.error.set(DAMAGED);
      return;
    }
    this.account.confirmEmailChange({ body: { token } }).subscribe({
      next: (confirmed) => {
        this.confirmed.set(confirmed);
        // The API renewed this browser's cookies (signed in) or ended its session (signed out, or
        // signed in to another account): either way the app shows what the API now says.
        void this.session.load();
      },
      error: (error: unknown) => {
        this.taken.set(problemCode(error) === 'email_taken');
        this.error.set(mailLinkProblem(error, DAMAGED));
      },
    });
  }
}
