import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  untracked,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import {
  applyServerErrors,
  buildConfigForm,
  type ConfigValue,
  configOf,
  fieldMessage,
  type SchemaField,
} from './config-form';
import type { ConfigSchema } from './config-schema';

/**
 * A tool's settings as a Material form built from its JSON Schema. Emits the config to send on every
 * change (and once at the start); `check()` shows every problem before a launch.
 */
@Component({
  selector: 'hk-schema-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './schema-form.html',
  styleUrl: './schema-form.scss',
})
export class SchemaForm {
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly schema = input.required<ConfigSchema>();
  /** Values to start from instead of the defaults (an earlier run's config). */
  readonly initial = input<ConfigValue | null>(null);
  /** The API's messages by property name (from a 422), shown until the field changes. */
  readonly serverErrors = input<Record<string, string>>({});
  readonly configChange = output<ConfigValue>();

  protected readonly form = computed(() => buildConfigForm(this.schema(), this.initial()));
  protected readonly message = fieldMessage;

  constructor() {
    effect((onCleanup) => {
      const form = this.form();
      untracked(() => this.configChange.emit(configOf(form.fields)));
      const changes = form.group.valueChanges.subscribe(() => this.configChange.emit(configOf(form.fields)));
      onCleanup(() => changes.unsubscribe());
    });
    effect(() => applyServerErrors(this.form(), this.serverErrors()));
  }

  /** Shows every field's problem and moves focus to the first; true when the config can be sent. */
  check(): boolean {
    const { group } = this.form();
    group.markAllAsTouched();
    if (group.valid) return true;
    afterNextRender(
      () =>
        this.host.nativeElement
          .querySelector<HTMLElement>('input.ng-invalid, mat-select.ng-invalid')
          ?.focus(),
      { injector: this.injector },
    );
    return false;
  }

  protected hint(field: SchemaField): string {
    const { description, minimum, maximum } = field.property;
    if (description) return description;
    if (field.kind === 'list') return 'Separate entries with commas.';
    if (field.kind === 'number' && minimum !== undefined && maximum !== undefined)
      return `From ${minimum} to ${maximum}.`;
    return '';
  }
}
