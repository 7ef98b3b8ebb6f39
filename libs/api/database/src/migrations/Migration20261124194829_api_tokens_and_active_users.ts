import { Migration } from '@mikro-orm/migrations';

export class Migration20261124194829_api_tokens_and_active_users extends Migration {

  override name = 'Migration20261124194829_api_tokens_and_active_users';

  override up(): void | Promise<void> {
    this.addSql(`create table "active_user_counts" ("granularity" text not null, "period_start" date not null, "active_users" int not null, primary key ("granularity", "period_start"));`);

    this.addSql(`create table "active_user_periods" ("granularity" text not null, "period_start" date not null, "user_id" uuid not null, primary key ("granularity", "period_start", "user_id"));`);

    this.addSql(`create table "api_tokens" ("id" uuid not null, "user_id" uuid not null, "name" varchar(80) not null, "scopes" text[] not null, "token_hash" varchar(64) not null, "display_prefix" varchar(16) not null, "created_at" timestamptz not null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "last_used_ip" varchar(64) null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "api_tokens" add constraint "api_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "api_tokens_expires_at_index" on "api_tokens" ("expires_at");`);
    this.addSql(`create index "api_tokens_user_id_revoked_at_index" on "api_tokens" ("user_id", "revoked_at");`);

    this.addSql(`alter table "active_user_counts" add constraint "active_user_counts_granularity_check" check ("granularity" in ('day', 'month'));`);

    this.addSql(`alter table "active_user_periods" add constraint "active_user_periods_granularity_check" check ("granularity" in ('day', 'month'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "active_user_counts" cascade;`);
    this.addSql(`drop table if exists "active_user_periods" cascade;`);
    this.addSql(`drop table if exists "api_tokens" cascade;`);
  }

}
