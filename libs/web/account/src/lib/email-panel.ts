import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { AccountService } from '@huntkit/web/api-client';
import { SessionStore, UserDatePipe } from '@huntkit/web/session';
import { FormAlert } from '@huntkit/web/ui';
import { accountAction } from './account-action';

/**
 * The account's address and moving it: the new address must confirm by mail, and until it does the
 * current one stays (shown as pending, with a way to withdraw the request).
 */
@Component({
  selector: 'hk-email-panel',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    FormAlert,
    UserDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './panel.scss',
  template: `
    <h3 class="email-title">Email address</h3>
    @if (session.user(); as user) {
      <p class="current">
        {{ user.email }}
        @if (user.verified) {
          <span class="chip">Verified</span>
        }
      </p>
    }
    <hk-form-alert [message]="error()" />
    @if (pending(); as change) {
      <div class="row pending" role="status">
        <span class="icon material-symbols-outlined" aria-hidden="true">forward_to_inbox</span>
        <div class="row-main">
          <p class="row-title">Waiting for {{ change.newEmail }}</p>
          <p class="meta">
            Open the link we sent there before {{ change.expiresAt | userDate: 'datetime' }}. Until then you
            keep signing in with your current address.
          </p>
        </div>
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="withdraw()">Withdraw</button>
      </div>
    } @else if (editing()) {
      <form class="form" [formGroup]="form" (ngSubmit)="request()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>New email address</mat-label>
          <input matInput type="email" formControlName="newEmail" autocomplete="email" required />
          <mat-hint>We send a confirmation link there, and a notice to your current address.</mat-hint>
          <mat-error>Enter a valid email address.</mat-error>
        </mat-form-field>
        @if (fieldError(); as message) {
          <p class="field-error" role="alert">{{ message }}</p>
        }
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ busy() ? 'Sending…' : 'Send confirmation link' }}
          </button>
          <button mat-button type="button" (click)="editing.set(false)">Cancel</button>
        </div>
      </form>
    } @else {
      <div class="actions">
        <button mat-stroked-button type="button" (click)="editing.set(true)">Change email</button>
      </div>
    }
  `,
  styles: `
    .email-title {
      margin-top: 2rem;
    }
    .current {
      margin: 0 0 0.5rem;
      overflow-wrap: anywhere;
    }
    .pending {
      margin-top: 0.75rem;
    }
    .field-error {
      margin: 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class EmailPanel {
  private readonly api = inject(AccountService);
  private readonly action = accountAction<'request' | 'withdraw'>();
  protected readonly session = inject(SessionStore);

  private readonly state = rxResource({ stream: () => this.api.getMyEmailChange() });
  protected readonly pending = computed(() => (this.state.hasValue() ? this.state.value().pending : null));
  protected readonly editing = signal(false);
  protected readonly busy = computed(() => this.action.busy() !== null);
  protected readonly error = this.action.error;
  protected readonly fieldError = computed(() => this.action.fieldErrors()['newEmail'] ?? null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    newEmail: ['', [Validators.required, Validators.email]],
  });

  protected request(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.action.run('request', () => this.api.requestEmailChange({ body: this.form.getRawValue() }), {
      fields: ['newEmail'],
      done: (pending) => {
        this.editing.set(false);
        this.form.reset();
        this.state.set({ pending });
      },
    });
  }

  protected withdraw(): void {
    this.action.run('withdraw', () => this.api.withdrawEmailChange(), {
      done: () => this.state.set({ pending: null }),
    });
  }
}
