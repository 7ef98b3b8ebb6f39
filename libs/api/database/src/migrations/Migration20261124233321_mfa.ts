import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233321_mfa extends Migration {

  override name = 'Migration20261124233321_mfa';

  override up(): void | Promise<void> {
    this.addSql(`create table "mfa_backup_codes" ("id" uuid not null, "user_id" uuid not null, "code_hash" varchar(64) not null, "created_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "mfa_backup_codes_user_id_used_at_index" on "mfa_backup_codes" ("user_id", "used_at");`);
    this.addSql(`alter table "mfa_backup_codes" add constraint "mfa_backup_codes_user_id_code_hash_unique" unique ("user_id", "code_hash");`);

    this.addSql(`create table "mfa_challenges" ("id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "attempts" int not null default 0, "completed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "mfa_challenges_user_id_index" on "mfa_challenges" ("user_id");`);
    this.addSql(`create index "mfa_challenges_expires_at_index" on "mfa_challenges" ("expires_at");`);

    this.addSql(`create table "mfa_factors" ("user_id" uuid not null, "secret_ciphertext" text not null, "created_at" timestamptz not null, "enabled_at" timestamptz null, "last_used_step" bigint not null default '0', primary key ("user_id"));`);

    this.addSql(`alter table "sessions" add "reauthenticated_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "mfa_backup_codes" cascade;`);
    this.addSql(`drop table if exists "mfa_challenges" cascade;`);
    this.addSql(`drop table if exists "mfa_factors" cascade;`);

    this.addSql(`alter table "sessions" drop column "reauthenticated_at";`);
  }

}
