import { Migration } from '@mikro-orm/migrations';

export class Migration20261203211823_workflow_runs extends Migration {

  override name = 'Migration20261203211823_workflow_runs';

  override up(): void | Promise<void> {
    this.addSql(`create table "workflow_runs" ("id" uuid not null, "user_id" uuid not null, "workflow_id" uuid not null, "version" int not null, "idempotency_key" varchar(100) not null, "status" text not null default 'running', "cache_max_age_seconds" int not null, "attempt" int not null default 1, "cancel_requested_at" timestamptz null, "error" varchar(500) null, "created_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "workflow_runs_status_index" on "workflow_runs" ("status");`);
    this.addSql(`create index "workflow_runs_workflow_id_created_at_index" on "workflow_runs" ("workflow_id", "created_at");`);
    this.addSql(`alter table "workflow_runs" add constraint "workflow_runs_user_id_idempotency_key_unique" unique ("user_id", "idempotency_key");`);

    this.addSql(`create table "workflow_run_nodes" ("id" uuid not null, "run_id" uuid not null, "user_id" uuid not null, "node_id" varchar(40) not null, "status" text not null default 'pending', "reason" varchar(500) null, "launches" jsonb not null, "items" jsonb not null, "cache_key" varchar(64) null, "cost" int not null default 0, "started_at" timestamptz null, "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "workflow_run_nodes_user_id_cache_key_finished_at_index" on "workflow_run_nodes" ("user_id", "cache_key", "finished_at");`);
    this.addSql(`alter table "workflow_run_nodes" add constraint "workflow_run_nodes_run_id_node_id_unique" unique ("run_id", "node_id");`);

    this.addSql(`alter table "workflow_runs" add constraint "workflow_runs_status_check" check ("status" in ('running', 'succeeded', 'failed', 'cancelled'));`);

    this.addSql(`alter table "workflow_run_nodes" add constraint "workflow_run_nodes_status_check" check ("status" in ('pending', 'queued', 'running', 'succeeded', 'failed', 'cancelled', 'skipped', 'cached'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "workflow_runs" cascade;`);
    this.addSql(`drop table if exists "workflow_run_nodes" cascade;`);
  }

}
