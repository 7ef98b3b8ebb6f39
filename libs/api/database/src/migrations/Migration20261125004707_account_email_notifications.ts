import { Migration } from '@mikro-orm/migrations';

export class Migration20261125004707_account_email_notifications extends Migration {

  override name = 'Migration20261125004707_account_email_notifications';

  override up(): void | Promise<void> {
    this.addSql(`create table "notification_preferences" ("user_id" uuid not null, "category" varchar(32) not null, "enabled" boolean not null, "updated_at" timestamptz not null, primary key ("user_id", "category"));`);

    this.addSql(`alter table "email_tokens" drop constraint "email_tokens_purpose_check";`);
    this.addSql(`alter table "email_tokens" add "address" varchar(254) null;`);
    this.addSql(`alter table "email_tokens" add constraint "email_tokens_purpose_check" check ("purpose" in ('verify_email', 'reset_password', 'change_email', 'cancel_email_change'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification_preferences" cascade;`);

    this.addSql(`alter table "email_tokens" drop constraint "email_tokens_purpose_check";`);
    this.addSql(`alter table "email_tokens" drop column "address";`);
    this.addSql(`alter table "email_tokens" add constraint "email_tokens_purpose_check" check ("purpose" in ('verify_email', 'reset_password'));`);
  }

}
