import { Migration } from '@mikro-orm/migrations';

export class Migration20261203210456_workflows extends Migration {

  override name = 'Migration20261203210456_workflows';

  override up(): void | Promise<void> {
    this.addSql(`create table "workflows" ("id" uuid not null, "user_id" uuid not null, "name" varchar(120) not null, "description" varchar(2000) not null default '', "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "workflows_user_id_updated_at_index" on "workflows" ("user_id", "updated_at");`);

    this.addSql(`create table "workflow_versions" ("id" uuid not null, "workflow_id" uuid not null, "version" int not null, "graph" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "workflow_versions" add constraint "workflow_versions_workflow_id_version_unique" unique ("workflow_id", "version");`);

    this.addSql(`alter table "workflow_versions" add constraint "workflow_versions_workflow_id_foreign" foreign key ("workflow_id") references "workflows" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "workflow_versions" drop constraint "workflow_versions_workflow_id_foreign";`);

    this.addSql(`drop table if exists "workflows" cascade;`);
    this.addSql(`drop table if exists "workflow_versions" cascade;`);
  }

}
