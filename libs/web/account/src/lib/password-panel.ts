import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { AuthService } from '@huntkit/web/api-client';
import { newPasswordError } from '@huntkit/shared/password-policy';
import { FormAlert } from '@huntkit/web/ui';
import { accountAction } from './account-action';

/**
 * A new password for a signed-in user. Who they are is proven by the re-authentication window (the
 * shared "Confirm it's you" dialog), so the form does not ask for the current password again.
 */
@Component({
  selector: 'hk-password-panel',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, FormAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './panel.scss',
  template: `
    <h3>Password</h3>
    <p class="intro">Changing it signs out every other session. We mail you a notice.</p>
    <hk-form-alert [message]="error()" />
    <form class="form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-form-field appearance="outline">
        <mat-label>New password</mat-label>
        <input matInput type="password" formControlName="password" autocomplete="new-password" required />
        <mat-hint>At least 8 characters; a few unrelated words work well.</mat-hint>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>New password again</mat-label>
        <input matInput type="password" formControlName="confirm" autocomplete="new-password" required />
      </mat-form-field>
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="saving()">
          {{ saving() ? 'Changing…' : 'Change password' }}
        </button>
      </div>
    </form>
    @if (changed()) {
      <p class="done" role="status">Password changed. Other sessions were signed out.</p>
    }
  `,
})
export class PasswordPanel {
  private readonly auth = inject(AuthService);
  private readonly action = accountAction<'save'>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', Validators.required],
    confirm: ['', Validators.required],
  });
  protected readonly saving = computed(() => this.action.busy() !== null);
  protected readonly error = this.action.error;
  protected readonly changed = signal(false);

  protected async save(): Promise<void> {
    if (this.saving()) return;
    const { password, confirm } = this.form.getRawValue();
    // The same rules as the API's, checked here first so a weak password costs no round trip.
    const problem = await newPasswordError(password, confirm);
    this.changed.set(false);
    this.error.set(problem);
    if (problem) return;
    this.action.run('save', () => this.auth.changePassword({ body: { newPassword: password } }), {
      done: () => {
        this.changed.set(true);
        this.form.reset();
      },
    });
  }
}
