import { Migration } from '@mikro-orm/migrations';

export class Migration20261124223404_tool_runs extends Migration {

  override name = 'Migration20261124223404_tool_runs';

  override up(): void | Promise<void> {
    this.addSql(`create table "tool_runs" ("id" uuid not null, "user_id" uuid not null, "tool_id" varchar(60) not null, "target" varchar(2048) not null, "config" jsonb not null, "status" text not null default 'queued', "cost" int not null, "idempotency_key" varchar(100) not null, "timeout_seconds" int not null, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, "cancel_requested_at" timestamptz null, "error" text null, "worker" varchar(200) null, "output_bytes" bigint not null default '0', "output_truncated" boolean not null default false, "result_counts" jsonb null, "previous_run_id" uuid null, "output_purged_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "tool_runs_user_id_status_index" on "tool_runs" ("user_id", "status");`);
    this.addSql(`create index "tool_runs_user_id_tool_id_target_finished_at_index" on "tool_runs" ("user_id", "tool_id", "target", "finished_at");`);
    this.addSql(`create index "tool_runs_user_id_created_at_index" on "tool_runs" ("user_id", "created_at");`);
    this.addSql(`alter table "tool_runs" add constraint "tool_runs_user_id_idempotency_key_unique" unique ("user_id", "idempotency_key");`);

    this.addSql(`create table "tool_run_results" ("id" uuid not null, "run_id" uuid not null, "fingerprint" varchar(64) not null, "kind" varchar(40) not null, "key" varchar(500) not null, "title" varchar(500) not null, "severity" text not null, "data" jsonb not null, "change" text not null default 'new', "position" int not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "tool_run_results_run_id_severity_index" on "tool_run_results" ("run_id", "severity");`);
    this.addSql(`alter table "tool_run_results" add constraint "tool_run_results_run_id_fingerprint_unique" unique ("run_id", "fingerprint");`);

    this.addSql(`alter table "tool_runs" add constraint "tool_runs_status_check" check ("status" in ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out'));`);

    this.addSql(`alter table "tool_run_results" add constraint "tool_run_results_run_id_foreign" foreign key ("run_id") references "tool_runs" ("id") on delete cascade;`);
    this.addSql(`alter table "tool_run_results" add constraint "tool_run_results_severity_check" check ("severity" in ('info', 'low', 'medium', 'high', 'critical'));`);
    this.addSql(`alter table "tool_run_results" add constraint "tool_run_results_change_check" check ("change" in ('new', 'unchanged', 'gone'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "tool_run_results" drop constraint "tool_run_results_run_id_foreign";`);

    this.addSql(`drop table if exists "tool_runs" cascade;`);
    this.addSql(`drop table if exists "tool_run_results" cascade;`);
  }

}
