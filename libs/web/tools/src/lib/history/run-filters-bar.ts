import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, output } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { ToolDto } from '@huntkit/web/api-client';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { RUN_STATUSES, STATUS_LABELS } from '../shared/run-format';
import { hasFilters, PERIODS, type RunFilters } from './run-filters';

/** The history's filters; it reports changes and the page puts them in the URL. */
@Component({
  selector: 'hk-run-filters-bar',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Tool</mat-label>
      <mat-select [value]="filters().toolId" (valueChange)="changed.emit({ toolId: $event })">
        <mat-option [value]="null">All tools</mat-option>
        @for (tool of tools(); track tool.id) {
          <mat-option [value]="tool.id">{{ tool.name }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Status</mat-label>
      <mat-select [value]="filters().status" (valueChange)="changed.emit({ status: $event })">
        <mat-option [value]="null">Any status</mat-option>
        @for (status of statuses; track status) {
          <mat-option [value]="status">{{ statusLabels[status] }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="target">
      <mat-label>Target</mat-label>
      <span matPrefix class="material-symbols-outlined prefix" aria-hidden="true">search</span>
      <input
        matInput
        type="search"
        [formControl]="target"
        autocomplete="off"
        autocapitalize="none"
        spellcheck="false"
        placeholder="Part of a host or URL"
      />
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>When</mat-label>
      <mat-select [value]="filters().period" (valueChange)="changed.emit({ period: $event })">
        <mat-option [value]="null">Any time</mat-option>
        @for (period of periods; track period.value) {
          <mat-option [value]="period.value">{{ period.label }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
    @if (filtered()) {
      <button mat-button type="button" class="clear" (click)="clear()">Clear filters</button>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
    }
    mat-form-field {
      flex: 1 1 10rem;
      min-width: 0;
    }
    .target {
      flex: 2 1 14rem;
    }
    .prefix {
      margin: 0 0.25rem 0 0.75rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class RunFiltersBar {
  readonly filters = input.required<RunFilters>();
  readonly tools = input<ToolDto[]>([]);
  readonly changed = output<Partial<RunFilters>>();

  protected readonly statuses = RUN_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly periods = PERIODS;
  protected readonly target = new FormControl('', { nonNullable: true });

  constructor() {
    // The URL is the truth: a back button or a shared link sets the box without echoing it back.
    effect(() => {
      const target = this.filters().target;
      if (target !== this.target.value.trim()) this.target.setValue(target, { emitEvent: false });
    });
    this.target.valueChanges
      .pipe(
        debounceTime(350),
        map((value) => value.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((target) => {
        if (target !== this.filters().target) this.changed.emit({ target });
      });
  }

  protected filtered(): boolean {
    return hasFilters(this.filters());
  }

  protected clear(): void {
    this.target.setValue('', { emitEvent: false });
    this.changed.emit({ toolId: null, status: null, target: '', period: null });
  }
}
