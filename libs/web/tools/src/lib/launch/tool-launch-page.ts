import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { ToolsService } from '@huntkit/web/api-client';
import { CreditsStore, problemSummary, SessionStore, UserDatePipe } from '@huntkit/web/session';
import { AsyncContent, HeadingBlock } from '@huntkit/web/ui';
import { RunsService } from '@huntkit/web/api-client';
import type { ConfigValue } from '../schema-form/config-form';
import { launchFieldErrors } from '../schema-form/config-errors';
import { asConfigSchema } from '../schema-form/config-schema';
import { SchemaForm } from '../schema-form/schema-form';
import { loaded } from '../shared/loaded';
import { pageTitle } from '../shared/page-title';
import { formatLimit } from '../shared/run-format';
import { CostLine } from './cost-line';
import { LaunchKey } from './launch-key';

/** The API's floor for a run's time limit (LaunchRunDto). */
const MIN_TIMEOUT_SECONDS = 10;

/**
 * One tool: what it does and costs, its settings form and Launch. Visitors see everything and are
 * asked to sign in to launch. `?from=<runId>` starts from an earlier run's settings (Re-run).
 */
@Component({
  selector: 'hk-tool-launch-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatInputModule,
    AsyncContent,
    HeadingBlock,
    SchemaForm,
    CostLine,
    UserDatePipe,
  ],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tool-launch-page.html',
  styleUrl: './tool-launch-page.scss',
})
export class ToolLaunchPage {
  private readonly tools = inject(ToolsService);
  private readonly runs = inject(RunsService);
  private readonly router = inject(Router);
  protected readonly session = inject(SessionStore);
  protected readonly credits = inject(CreditsStore);
  private readonly schemaForm = viewChild(SchemaForm);

  /** Route parameter and query string, bound by the router. */
  readonly toolId = input.required<string>();
  readonly from = input<string>();

  protected readonly tool = rxResource({
    params: () => ({ toolId: this.toolId() }),
    stream: ({ params }) => this.tools.getTool(params),
  });
  protected readonly shown = computed(() => loaded(this.tool));
  private readonly categories = rxResource({ stream: () => this.tools.listToolCategories() });
  /** The run to start from; only its owner can read it, so visitors start from the defaults. */
  protected readonly source = rxResource({
    params: () => {
      const runId = this.from();
      return runId && this.session.signedIn() ? { runId } : undefined;
    },
    stream: ({ params }) => this.runs.getRun(params),
  });

  protected readonly loading = computed(() => this.tool.status() === 'loading' || this.source.isLoading());
  protected readonly notFound = computed(() => {
    const error = this.tool.error();
    return error instanceof HttpErrorResponse && error.status === 404;
  });
  protected readonly schema = computed(() => asConfigSchema(loaded(this.tool)?.configSchema));
  protected readonly sourceRun = computed(() => {
    const run = loaded(this.source);
    return run && run.toolId === this.toolId() ? run : null;
  });
  protected readonly initial = computed(() => this.sourceRun()?.config ?? null);
  protected readonly category = computed(() => {
    const id = loaded(this.tool)?.category;
    return loaded(this.categories)?.find((category) => category.id === id)?.name ?? id ?? '';
  });
  protected readonly unavailable = computed(() => {
    const tool = loaded(this.tool);
    if (!tool) return null;
    return tool.unavailableReason ?? (tool.enabled ? null : 'This tool is switched off for now.');
  });

  protected readonly timeout = new FormControl<number | null>(null);
  protected readonly form = new FormGroup({ timeoutSeconds: this.timeout });
  protected readonly advancedOpen = signal(false);
  private readonly config = signal<ConfigValue>({});
  protected readonly configErrors = signal<Record<string, string>>({});
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly needsCredits = signal(false);
  private readonly key = new LaunchKey();
  protected readonly formatLimit = formatLimit;

  constructor() {
    pageTitle(computed(() => loaded(this.tool)?.name ?? null));
    // The time limit follows the tool (and the run re-run), within what the tool allows.
    effect(() => {
      const tool = loaded(this.tool);
      if (!tool) return;
      const earlier = this.sourceRun()?.timeoutSeconds;
      untracked(() => {
        this.timeout.setValidators([
          Validators.required,
          Validators.min(MIN_TIMEOUT_SECONDS),
          Validators.max(tool.maxTimeoutSeconds),
        ]);
        this.timeout.setValue(
          earlier ? Math.min(earlier, tool.maxTimeoutSeconds) : tool.defaultTimeoutSeconds,
        );
      });
    });
    // A launch spends credits: show the balance as it is now, not as it was at sign-in.
    effect(() => {
      if (this.session.signedIn()) untracked(() => this.credits.refresh());
    });
  }

  /** Read at render time: the router's URL is not a signal. */
  protected returnUrl(): string {
    return this.router.url;
  }

  protected onConfig(config: ConfigValue): void {
    this.config.set(config);
  }

  protected launch(): void {
    if (this.sending() || this.unavailable() || !this.session.signedIn()) return;
    const formReady = this.schemaForm()?.check() ?? false;
    this.timeout.markAsTouched();
    if (this.timeout.invalid) this.advancedOpen.set(true);
    if (!formReady || this.timeout.invalid) return;

    const request = { config: this.config(), timeoutSeconds: this.timeout.value ?? undefined };
    const body = { ...request, idempotencyKey: this.key.for(request) };
    this.sending.set(true);
    this.error.set(null);
    this.needsCredits.set(false);
    this.configErrors.set({});
    this.runs.launchRun({ toolId: this.toolId(), body }).subscribe({
      next: (run) => {
        this.key.renew();
        this.credits.refresh();
        void this.router.navigate(['/runs', run.id]);
      },
      error: (error: unknown) => this.failed(error),
    });
  }

  private failed(error: unknown): void {
    this.sending.set(false);
    this.error.set(problemSummary(error));
    const fields = launchFieldErrors(error);
    this.configErrors.set(fields.config);
    const timeoutError = fields.body['timeoutSeconds'];
    if (timeoutError) {
      this.timeout.setErrors({ server: timeoutError });
      this.timeout.markAsTouched();
      this.advancedOpen.set(true);
    }
    if (!(error instanceof HttpErrorResponse)) return;
    if (error.status === 402) {
      this.needsCredits.set(true);
      this.credits.refresh();
    }
    // The key belongs to a different request on the server: the next click must be a new launch.
    if (error.status === 409 && (error.error as { code?: string } | null)?.code === 'idempotency_key_reused')
      this.key.renew();
  }
}
