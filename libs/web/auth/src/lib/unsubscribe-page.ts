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
import { NotificationsService, type UnsubscribeStateDto } from '@huntkit/web/api-client';
import { problemDetail } from '@huntkit/web/session';
import { FormAlert } from '@huntkit/web/ui';
import type { Observable } from 'rxjs';
import { AuthCard } from './auth-card';
import { mailLinkProblem } from './mail-link';

const DAMAGED = 'This unsubscribe link is incomplete. Manage your mail in Account settings › Notifications.';

/** What the page says and offers, from where the category stands and what this visit just changed. */
interface View {
  heading: string;
  message: string;
  action: string;
  primary: boolean;
}

function viewOf(label: string, enabled: boolean, changedHere: boolean): View {
  if (enabled && !changedHere)
    return {
      heading: `Unsubscribe from “${label}”?`,
      message: `You get “${label}” mails from Huntkit. Mails about the security of your account are always sent.`,
      action: 'Unsubscribe',
      primary: true,
    };
  if (enabled)
    return {
      heading: 'You are subscribed again',
      message: `“${label}” mails are on again.`,
      action: 'Unsubscribe',
      primary: false,
    };
  if (changedHere)
    return {
      heading: 'You are unsubscribed',
      message: `You will no longer get “${label}” mails.`,
      action: 'Undo',
      primary: false,
    };
  return {
    heading: 'You are already unsubscribed',
    message: `“${label}” mails are off for your account.`,
    action: 'Turn back on',
    primary: true,
  };
}

/**
 * The page behind "Unsubscribe" in an optional mail: no sign-in, the signed token in the link is the
 * proof. Nothing changes on load (link scanners open links); one button turns the category off or on.
 */
@Component({
  selector: 'hk-unsubscribe-page',
  imports: [RouterLink, MatButtonModule, MatProgressSpinnerModule, AuthCard, FormAlert],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './unsubscribe-page.html',
  styleUrl: './auth-form.scss',
})
export class UnsubscribePage implements OnInit {
  private readonly notifications = inject(NotificationsService);

  /** From the link in the mail (bound from the query string by the router). */
  readonly token = input<string>();

  protected readonly link = signal<UnsubscribeStateDto | null>(null);
  /** Whether the category was switched from this page, so the page confirms rather than asks. */
  protected readonly changedHere = signal(false);
  protected readonly invalid = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly sending = signal(false);
  protected readonly view = computed(() => {
    const link = this.link();
    return link ? viewOf(link.label, link.enabled, this.changedHere()) : null;
  });
  protected readonly heading = computed(
    () => this.view()?.heading ?? (this.invalid() ? 'This link did not work' : 'Checking your link…'),
  );

  ngOnInit(): void {
    const token = this.token();
    if (!token) {
      this.invalid.set(DAMAGED);
      return;
    }
    this.notifications.inspectUnsubscribeLink({ token }).subscribe({
      next: (link) => this.link.set(link),
      error: (error: unknown) => this.invalid.set(mailLinkProblem(error, DAMAGED)),
    });
  }

  /** Turns the category off when it is on, and back on when it is off. */
  protected toggle(): void {
    const token = this.token();
    const link = this.link();
    if (!token || !link || this.sending()) return;
    this.sending.set(true);
    this.error.set(null);
    const call: Observable<UnsubscribeStateDto> = link.enabled
      ? this.notifications.unsubscribe({ token })
      : this.notifications.resubscribe({ token });
    call.subscribe({
      next: (next) => {
        this.link.set(next);
        this.changedHere.set(true);
        this.sending.set(false);
      },
      error: (error: unknown) => {
        this.error.set(problemDetail(error));
        this.sending.set(false);
      },
    });
  }
}
