import { ChangeDetectionStrategy, Component, input, linkedSignal, resource } from '@angular/core';
import { checkPassword, estimatePasswordStrength } from '@huntkit/shared/password-policy';
import { charactersToGo } from '@huntkit/shared/password-policy';

interface Verdict {
  /** Filled segments, 0 to 4. */
  level: number;
  tone: 'bad' | 'fair' | 'good';
  text: string;
  advice: string | null;
}

/**
 * A four-step meter under a new-password field. The rules (length, common list) decide what the API
 * accepts; beyond them the meter only advises, using zxcvbn's guess estimate.
 */
@Component({
  selector: 'hk-password-strength',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (verdict(); as v) {
      <div class="meter" [attr.data-tone]="v.tone" aria-hidden="true">
        @for (step of steps; track step) {
          <span [class.on]="step < v.level"></span>
        }
      </div>
      <p class="verdict" aria-live="polite">
        <strong>{{ v.text }}</strong>
        @if (v.advice) {
          <span> · {{ v.advice }}</span>
        }
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
      min-height: 2.75rem;
      margin: -0.75rem 0 0.5rem;
    }
    .meter {
      display: grid;
      grid-template-columns: repeat(4, 1fr);
      gap: 4px;
    }
    .meter span {
      height: 4px;
      border-radius: 2px;
      background: var(--mat-sys-surface-container-highest);
      transition: background 150ms ease;
    }
    .meter[data-tone='bad'] .on {
      background: var(--mat-sys-error);
    }
    .meter[data-tone='fair'] .on {
      background: var(--hk-warning);
    }
    .meter[data-tone='good'] .on {
      background: var(--hk-success);
    }
    .verdict {
      margin: 0.4rem 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .verdict strong {
      color: var(--mat-sys-on-surface);
      font-weight: 600;
    }
  `,
})
export class PasswordStrengthMeter {
  readonly password = input.required<string>();
  /** The person's own email and name: a password made of them is easy to guess. */
  readonly userInputs = input<readonly string[]>([]);

  protected readonly steps = [0, 1, 2, 3];

  private readonly estimate = resource({
    params: () => ({ password: this.password(), userInputs: this.userInputs() }),
    loader: async ({ params }): Promise<Verdict | null> => {
      if (!params.password) return null;
      const [problem] = await checkPassword(params.password);
      if (problem === 'too_short') {
        return { level: 1, tone: 'bad', text: charactersToGo(params.password), advice: null };
      }
      if (problem === 'too_common') {
        return { level: 1, tone: 'bad', text: 'Too common', advice: 'Attackers try it first.' };
      }
      if (problem === 'too_long') {
        return { level: 1, tone: 'bad', text: 'Too long', advice: 'Use at most 128 characters.' };
      }
      const strength = await estimatePasswordStrength(params.password, params.userInputs);
      return {
        level: Math.max(1, strength.score),
        tone: strength.score <= 1 ? 'bad' : strength.score === 2 ? 'fair' : 'good',
        text: strength.label,
        advice: strength.warning ?? strength.suggestions[0] ?? null,
      };
    },
  });

  /** Keeps the last verdict on screen while the next one is computed, so the meter does not flicker. */
  protected readonly verdict = linkedSignal<Verdict | null | undefined, Verdict | null>({
    source: () => (this.password() ? this.estimate.value() : null),
    computation: (next, previous) => (next === undefined ? (previous?.value ?? null) : next),
  });
}
