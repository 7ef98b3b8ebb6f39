import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { type NotificationCategoryDto, NotificationsService } from '@huntkit/web/api-client';
import { AsyncContent, FormAlert } from '@huntkit/web/ui';
import { accountAction } from './account-action';

/**
 * Which mail the user gets, one switch per category. A switch saves at once; if the API refuses, it
 * flips back and says why. Security alerts show as on and cannot be turned off.
 */
@Component({
  selector: 'hk-notifications-panel',
  imports: [MatSlideToggleModule, AsyncContent, FormAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './panel.scss',
  template: `
    <p class="intro">Choose the mail you want. Every optional mail also has a one-click unsubscribe link.</p>
    <hk-form-alert [message]="error()" />
    <hk-async-content
      [loading]="settings.isLoading() && !settings.hasValue()"
      [failed]="settings.status() === 'error'"
      loadingText="Loading your notification settings…"
      errorText="Your notification settings could not be loaded."
      (retry)="settings.reload()"
    >
      <ul class="rows">
        @for (category of categories(); track category.category) {
          <li class="row">
            <div class="row-main">
              <p class="row-title" [id]="'notify-' + category.category">{{ category.label }}</p>
              <p class="meta">{{ category.description }}</p>
            </div>
            <mat-slide-toggle
              [checked]="category.enabled"
              [disabled]="category.required || action.isBusy(category.category)"
              [aria-labelledby]="'notify-' + category.category"
              (change)="set(category, $event.checked)"
            />
          </li>
        }
      </ul>
    </hk-async-content>
  `,
})
export class NotificationsPanel {
  private readonly api = inject(NotificationsService);

  protected readonly settings = rxResource({ stream: () => this.api.getMyNotifications() });
  protected readonly categories = computed(() =>
    this.settings.hasValue() ? this.settings.value().categories : [],
  );
  /** Keyed by category: each switch saves on its own. */
  protected readonly action = accountAction({ parallel: true });
  protected readonly error = this.action.error;

  protected set(category: NotificationCategoryDto, enabled: boolean): void {
    const body = { [category.category]: enabled };
    this.action.run(category.category, () => this.api.updateMyNotifications({ body }), {
      // Which mail arrives is a preference, not a security event.
      recorded: false,
      done: (settings) => this.settings.set(settings),
      failed: () => this.settings.reload(), // puts the switch back where the server has it
    });
  }
}
