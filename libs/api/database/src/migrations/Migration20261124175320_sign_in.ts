import { Migration } from '@mikro-orm/migrations';

export class Migration20261124175320_sign_in extends Migration {

  override name = 'Migration20261124175320_sign_in';

  override up(): void | Promise<void> {
    this.addSql(`create table "login_events" ("id" uuid not null, "user_id" uuid not null, "at" timestamptz not null, "method" varchar(20) not null, "ip" varchar(64) null, "user_agent" varchar(512) null, primary key ("id"));`);
    this.addSql(`create index "login_events_at_index" on "login_events" ("at");`);
    this.addSql(`create index "login_events_user_id_at_index" on "login_events" ("user_id", "at");`);

    this.addSql(`alter table "users" add "deactivated_at" timestamptz null, add "last_sign_in_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "login_events" cascade;`);

    this.addSql(`alter table "users" drop column "deactivated_at", drop column "last_sign_in_at";`);
  }

}
