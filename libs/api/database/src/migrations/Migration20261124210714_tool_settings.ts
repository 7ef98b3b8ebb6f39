import { Migration } from '@mikro-orm/migrations';

export class Migration20261124210714_tool_settings extends Migration {

  override name = 'Migration20261124210714_tool_settings';

  override up(): void | Promise<void> {
    this.addSql(`create table "tool_settings" ("tool_id" varchar(60) not null, "enabled" boolean not null default true, "cost" int null, "updated_at" timestamptz not null, primary key ("tool_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "tool_settings" cascade;`);
  }

}
