import { Migration } from '@mikro-orm/migrations';

export class Migration20261124205514_audit_log extends Migration {

  override name = 'Migration20261124205514_audit_log';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_log" ("id" uuid not null, "at" timestamptz not null, "actor_id" uuid null, "action" varchar(60) not null, "target_user_id" uuid null, "ip" varchar(64) null, "user_agent" varchar(512) null, "details" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);
    this.addSql(`create index "audit_log_action_at_index" on "audit_log" ("action", "at");`);
    this.addSql(`create index "audit_log_actor_id_at_index" on "audit_log" ("actor_id", "at");`);
    this.addSql(`create index "audit_log_target_user_id_at_index" on "audit_log" ("target_user_id", "at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_log" cascade;`);
  }

}
