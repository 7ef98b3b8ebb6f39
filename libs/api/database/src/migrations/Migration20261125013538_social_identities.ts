import { Migration } from '@mikro-orm/migrations';

export class Migration20261125013538_social_identities extends Migration {

  override name = 'Migration20261125013538_social_identities';

  override up(): void | Promise<void> {
    this.addSql(`create table "social_identities" ("id" uuid not null, "user_id" uuid not null, "provider" varchar(16) not null, "subject" varchar(255) not null, "email" varchar(254) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "social_identities_user_id_index" on "social_identities" ("user_id");`);
    this.addSql(`alter table "social_identities" add constraint "social_identities_user_id_provider_unique" unique ("user_id", "provider");`);
    this.addSql(`alter table "social_identities" add constraint "social_identities_provider_subject_unique" unique ("provider", "subject");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "social_identities" cascade;`);
  }

}
