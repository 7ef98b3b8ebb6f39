import { Migration } from '@mikro-orm/migrations';

export class Migration20261124181548_email_tokens extends Migration {

  override name = 'Migration20261124181548_email_tokens';

  override up(): void | Promise<void> {
    this.addSql(`create table "email_tokens" ("id" uuid not null, "user_id" uuid not null, "purpose" text not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "email_tokens_user_id_index" on "email_tokens" ("user_id");`);
    this.addSql(`alter table "email_tokens" add constraint "email_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "email_tokens_expires_at_index" on "email_tokens" ("expires_at");`);

    this.addSql(`alter table "email_tokens" add constraint "email_tokens_purpose_check" check ("purpose" in ('verify_email', 'reset_password'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "email_tokens" cascade;`);
  }

}
