import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  input,
  signal,
  viewChild,
} from '@angular/core';
import {
  type AbstractControl,
  FormControl,
  ReactiveFormsModule,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

/** What proves the second factor: the authenticator app's current code, or one of the backup codes. */
export type SecondFactorProof = { code: string } | { backupCode: string };
export type SecondFactorKind = 'code' | 'backupCode';

/** Apps show the code as "123 456"; the API takes it with or without the space. */
const TOTP_CODE = /^\s*\d{3}\s?\d{3}\s*$/;
/** The API's limit; a backup code is 11 characters ("7KQ2M-XH9PW") but people add spaces. */
const BACKUP_CODE_MAX_LENGTH = 20;

/**
 * The state of a second-factor field: which kind of code is asked for and what was typed. A form owns
 * `control` (its validators follow the kind), and `proof()` is what the API is sent.
 */
export class SecondFactorEntry {
  private readonly currentKind = signal<SecondFactorKind>('code');
  readonly kind = this.currentKind.asReadonly();
  readonly control = new FormControl('', {
    nonNullable: true,
    validators: (control: AbstractControl<string>) => this.validate(control.value),
  });

  /** Switches between app code and backup code; what was typed for the other kind is meaningless. */
  useKind(kind: SecondFactorKind): void {
    this.currentKind.set(kind);
    this.control.reset('');
  }

  proof(): SecondFactorProof {
    const value = this.control.value.trim();
    return this.kind() === 'code' ? { code: value } : { backupCode: value };
  }

  private validate(value: string): ValidationErrors | null {
    if (!value.trim()) return { required: true };
    if (this.currentKind() === 'code') return TOTP_CODE.test(value) ? null : { pattern: true };
    return value.length > BACKUP_CODE_MAX_LENGTH ? { maxlength: true } : null;
  }
}

/**
 * The code field of every second-factor prompt (sign-in, "Confirm it's you", turning 2FA on): the
 * right keyboard and autofill for authenticator codes, and a switch to backup codes where they count.
 */
@Component({
  selector: 'hk-second-factor-field',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline">
      <mat-label>{{ isCode() ? 'Code from your app' : 'Backup code' }}</mat-label>
      <input
        #field
        matInput
        [formControl]="entry().control"
        [attr.autocomplete]="isCode() ? 'one-time-code' : 'off'"
        [attr.inputmode]="isCode() ? 'numeric' : 'text'"
        [attr.maxlength]="isCode() ? 7 : 20"
        [attr.placeholder]="isCode() ? '123456' : 'XXXXX-XXXXX'"
        autocapitalize="characters"
        spellcheck="false"
        required
      />
      <mat-hint>{{
        isCode()
          ? 'The 6-digit code your authenticator app shows now.'
          : 'One of the codes you saved when you turned on two-factor authentication.'
      }}</mat-hint>
      @if (entry().control.hasError('required')) {
        <mat-error>{{
          isCode() ? 'Enter the 6-digit code from your app.' : 'Enter one of your backup codes.'
        }}</mat-error>
      } @else if (entry().control.invalid) {
        <mat-error>{{
          isCode() ? 'Enter the 6 digits your app shows.' : 'A backup code is shorter than that.'
        }}</mat-error>
      }
    </mat-form-field>
    @if (allowBackupCode()) {
      <button mat-button type="button" class="switch" (click)="switchKind()">
        {{ isCode() ? 'Use a backup code instead' : 'Use your authenticator app instead' }}
      </button>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      text-align: left;
    }
    mat-form-field {
      width: 100%;
    }
    input {
      font-family: var(--hk-mono-font);
      letter-spacing: 0.12em;
    }
    .switch {
      align-self: flex-start;
      margin-top: 0.25rem;
    }
  `,
})
export class SecondFactorField {
  readonly entry = input.required<SecondFactorEntry>();
  /** Off where only the app counts (confirming a new authenticator). */
  readonly allowBackupCode = input(true);

  protected readonly isCode = computed(() => this.entry().kind() === 'code');
  private readonly field = viewChild.required<ElementRef<HTMLInputElement>>('field');

  /** The field sits where the form's first field was, in view; Chromium would still scroll to it. */
  focus(): void {
    this.field().nativeElement.focus({ preventScroll: true });
  }

  protected switchKind(): void {
    this.entry().useKind(this.isCode() ? 'backupCode' : 'code');
    // The switch button keeps focus otherwise; the person wants to type the other code now.
    this.focus();
  }
}
