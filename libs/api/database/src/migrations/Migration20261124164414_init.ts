import { Migration } from '@mikro-orm/migrations';

export class Migration20261124164414_init extends Migration {

  override name = 'Migration20261124164414_init';

  override up(): void | Promise<void> {
    this.addSql(`create table "users" ("id" uuid not null, "email" varchar(254) not null, "display_name" varchar(80) not null, "password_hash" varchar(255) null, "roles" text[] not null, "time_zone" varchar(64) not null default 'UTC', "email_verified_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "worker_probes" ("id" uuid not null, "status" text not null default 'queued', "requested_at" timestamptz not null, "completed_at" timestamptz null, "worker_id" varchar(255) null, "queue_delay_ms" int null, "database_latency_ms" double precision null, "redis_latency_ms" double precision null, primary key ("id"));`);
    this.addSql(`create index "worker_probes_requested_at_index" on "worker_probes" ("requested_at");`);

    this.addSql(`alter table "worker_probes" add constraint "worker_probes_status_check" check ("status" in ('queued', 'completed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "worker_probes" cascade;`);
  }

}
