import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { CreditsService, type LedgerEntryDto } from '@huntkit/web/api-client';
import { UserDatePipe } from '@huntkit/web/session';
import { AsyncContent } from '@huntkit/web/ui';
import { BUCKET_LABELS, LEDGER_LABELS } from './billing-labels';

type Filter = 'all' | LedgerEntryDto['kind'];

/** The credit history, newest first, filterable by kind and paged on the server. */
@Component({
  selector: 'hk-ledger-table',
  imports: [MatButtonToggleModule, MatPaginatorModule, AsyncContent, UserDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      [value]="filter()"
      (change)="setFilter($event.value)"
      aria-label="Show"
      hideSingleSelectionIndicator
    >
      <mat-button-toggle value="all">All</mat-button-toggle>
      @for (kind of kinds; track kind) {
        <mat-button-toggle [value]="kind">{{ labels[kind] }}</mat-button-toggle>
      }
    </mat-button-toggle-group>
    <hk-async-content
      [loading]="page.status() === 'loading'"
      [failed]="!!page.error()"
      loadingText="Loading the history…"
      errorText="The history could not be loaded."
      (retry)="page.reload()"
    >
      @if ((page.value()?.items ?? []).length === 0) {
        <p class="empty">Nothing here yet.</p>
      } @else {
        <!-- Focusable so keyboard users can scroll the table sideways on narrow screens. -->
        <div class="scroll" tabindex="0" role="region" aria-label="Credit history">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Bucket</th>
                <th scope="col" class="num">Credits</th>
              </tr>
            </thead>
            <tbody>
              @for (entry of page.value()?.items ?? []; track entry.id) {
                <tr>
                  <td>{{ entry.at | userDate: 'datetime' }}</td>
                  <td>
                    {{ labels[entry.kind] }}
                    <span class="reference">{{ entry.description ?? entry.reference }}</span>
                  </td>
                  <td>{{ buckets[entry.bucketKind] }}</td>
                  <td class="num" [class.plus]="entry.amount > 0">
                    {{ entry.amount > 0 ? '+' : '' }}{{ entry.amount }}
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <mat-paginator
          [length]="page.value()?.total ?? 0"
          [pageSize]="pageSize()"
          [pageIndex]="pageIndex()"
          [pageSizeOptions]="[10, 20, 50]"
          (page)="turn($event)"
          aria-label="History pages"
        />
      }
    </hk-async-content>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-button-toggle-group {
      margin-bottom: 1rem;
      flex-wrap: wrap;
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      padding: 0.6rem 0.5rem;
      text-align: left;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      white-space: nowrap;
    }
    th {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    .num {
      text-align: right;
      font-family: var(--hk-mono-font);
    }
    .plus {
      color: var(--hk-success);
    }
    .reference {
      display: block;
      max-width: 18rem;
      overflow: hidden;
      text-overflow: ellipsis;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
    mat-paginator {
      background: transparent;
    }
  `,
})
export class LedgerTable {
  private readonly credits = inject(CreditsService);

  protected readonly labels = LEDGER_LABELS;
  protected readonly buckets = BUCKET_LABELS;
  protected readonly kinds = Object.keys(LEDGER_LABELS) as LedgerEntryDto['kind'][];
  protected readonly filter = signal<Filter>('all');
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(10);

  protected readonly page = rxResource({
    params: () => ({ filter: this.filter(), page: this.pageIndex() + 1, pageSize: this.pageSize() }),
    stream: ({ params }) =>
      this.credits.listCreditLedger({
        page: params.page,
        pageSize: params.pageSize,
        ...(params.filter === 'all' ? {} : { kind: [params.filter] }),
      }),
  });

  protected setFilter(filter: Filter): void {
    this.filter.set(filter);
    this.pageIndex.set(0);
  }

  protected turn(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
  }
}
