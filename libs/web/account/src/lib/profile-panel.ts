import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { AuthService } from '@huntkit/web/api-client';
import { SessionStore, UserDatePipe } from '@huntkit/web/session';
import { FormAlert } from '@huntkit/web/ui';
import { accountAction } from './account-action';
import { EmailPanel } from './email-panel';
import { browserTimeZone, matchTimeZones, timeZoneNames, utcOffsetLabel } from './time-zones';

/** Name, initials, time zone (searchable) and the email address of the signed-in account. */
@Component({
  selector: 'hk-profile-panel',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    FormAlert,
    UserDatePipe,
    EmailPanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./panel.scss', './profile-panel.scss'],
  templateUrl: './profile-panel.html',
})
export class ProfilePanel {
  private readonly auth = inject(AuthService);
  protected readonly session = inject(SessionStore);

  private readonly zones = timeZoneNames();
  protected readonly browserZone = browserTimeZone();
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: [this.session.user()?.displayName ?? '', [Validators.required, Validators.maxLength(80)]],
    timeZone: [this.session.user()?.timeZone ?? 'UTC', Validators.required],
  });
  private readonly typedZone = toSignal(this.form.controls.timeZone.valueChanges, {
    initialValue: this.form.controls.timeZone.value,
  });
  protected readonly zoneOptions = computed(() => {
    const typed = this.typedZone();
    // The saved zone shows the whole list; typing narrows it.
    return matchTimeZones(this.zones, typed === this.session.user()?.timeZone ? '' : typed);
  });
  private readonly action = accountAction<'save'>();
  protected readonly saving = computed(() => this.action.busy() !== null);
  protected readonly saved = signal(false);
  protected readonly error = this.action.error;
  protected readonly fieldErrors = this.action.fieldErrors;
  protected readonly serverErrors = computed(() => Object.values(this.fieldErrors()));
  protected readonly offset = utcOffsetLabel;

  protected useBrowserZone(): void {
    this.form.controls.timeZone.setValue(this.browserZone);
  }

  protected save(): void {
    const { displayName, timeZone } = this.form.getRawValue();
    this.saved.set(false);
    if (!this.zones.includes(timeZone) && timeZone !== this.session.user()?.timeZone) {
      this.fieldErrors.set({ timeZone: 'Pick a time zone from the list, such as Europe/Paris.' });
      return;
    }
    if (this.form.invalid || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    this.action.run('save', () => this.auth.updateMe({ body: { displayName, timeZone } }), {
      fields: ['displayName', 'timeZone'],
      // A name or a zone is no security event: the security history has nothing new to show.
      recorded: false,
      done: (me) => {
        this.session.replaceUser(me);
        this.saved.set(true);
        this.form.markAsPristine();
      },
    });
  }
}
