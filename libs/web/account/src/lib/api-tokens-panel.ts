import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type ApiTokenDto, ApiTokensService, type CreatedApiTokenDto } from '@huntkit/web/api-client';
import { problemSummary, UserDatePipe } from '@huntkit/web/session';
import { AsyncContent } from '@huntkit/web/ui';
import { accountAction } from './account-action';
import { CopyButton } from './copy-button';

type Scope = ApiTokenDto['scopes'][number];

/** The action key of creating a token (revoking one is keyed by its id, a UUID). */
const CREATE = 'create';

export const EXPIRY_CHOICES: { days: number | null; label: string }[] = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: null, label: 'Never' },
];

/** Personal API tokens: create one (its secret shown once), see when each was last used, revoke. */
@Component({
  selector: 'hk-api-tokens-panel',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    AsyncContent,
    CopyButton,
    UserDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-tokens-panel.html',
  styleUrl: './api-tokens-panel.scss',
})
export class ApiTokensPanel {
  private readonly api = inject(ApiTokensService);
  /** Keyed 'create', or by the id of the token being revoked: each on its own. */
  private readonly action = accountAction({ parallel: true });

  protected readonly expiryChoices = EXPIRY_CHOICES;
  protected readonly tokens = rxResource({ stream: () => this.api.listApiTokens() });
  protected readonly scopes = rxResource({ stream: () => this.api.listApiTokenScopes() });
  /** First load only: a reload after creating or revoking keeps the list on screen. */
  protected readonly loading = computed(
    () => this.tokens.status() === 'loading' || this.scopes.status() === 'loading',
  );
  protected readonly failed = computed(() => !!this.tokens.error() || !!this.scopes.error());

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(80)]],
    expiresInDays: this.fb.control<number | null>(90),
  });
  protected readonly chosenScopes = signal<ReadonlySet<Scope>>(new Set(['account:read']));
  protected readonly creating = computed(() => this.action.isBusy(CREATE));
  protected readonly formOpen = signal(false);
  protected readonly error = this.action.error;
  /** The token just created: the only moment its secret is known to anyone but its owner. */
  protected readonly created = signal<CreatedApiTokenDto | null>(null);
  /** The token whose Revoke was pressed once and now asks for confirmation. */
  protected readonly confirming = signal<string | null>(null);
  protected readonly revoking = (tokenId: string) => this.action.isBusy(tokenId);

  protected reload(): void {
    this.tokens.reload();
    this.scopes.reload();
  }

  protected toggleScope(scope: Scope, on: boolean): void {
    const next = new Set(this.chosenScopes());
    if (on) next.add(scope);
    else next.delete(scope);
    this.chosenScopes.set(next);
  }

  protected openForm(): void {
    this.created.set(null);
    this.error.set(null);
    this.formOpen.set(true);
  }

  protected create(): void {
    if (this.creating()) return; // the API also refuses a second token of the same name
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    if (this.chosenScopes().size === 0) {
      this.error.set('Pick at least one scope.');
      return;
    }
    const { name, expiresInDays } = this.form.getRawValue();
    const body = { name, scopes: [...this.chosenScopes()], expiresInDays };
    this.action.run(CREATE, () => this.api.createApiToken({ body }), {
      // The form's one-line summary (a 422's first field), and the API's words when "Confirm it's you"
      // was cancelled too: a token is not made without it.
      message: problemSummary,
      done: (token) => {
        this.created.set(token);
        this.formOpen.set(false);
        this.form.reset({ name: '', expiresInDays: 90 });
        this.tokens.reload();
      },
    });
  }

  protected revoke(token: ApiTokenDto): void {
    if (this.confirming() !== token.id) {
      this.confirming.set(token.id);
      return;
    }
    this.action.run(token.id, () => this.api.revokeApiToken({ tokenId: token.id }), {
      done: () => {
        this.confirming.set(null);
        if (this.created()?.id === token.id) this.created.set(null);
        this.tokens.reload();
      },
    });
  }
}
