import { Migration } from '@mikro-orm/migrations';

export class Migration20261124202607_credit_ledger extends Migration {

  override name = 'Migration20261124202607_credit_ledger';

  override up(): void | Promise<void> {
    this.addSql(`create table "credit_accounts" ("user_id" uuid not null, primary key ("user_id"));`);

    this.addSql(`create table "credit_buckets" ("id" uuid not null, "user_id" uuid not null, "kind" text not null, "granted" int not null, "remaining" int not null, "expires_at" timestamptz null, "source" varchar(200) not null, "reason" varchar(300) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "credit_buckets" add constraint "credit_buckets_source_unique" unique ("source");`);
    this.addSql(`create index "credit_buckets_user_id_expires_at_index" on "credit_buckets" ("user_id", "expires_at");`);

    this.addSql(`create table "credit_ledger" ("id" uuid not null, "user_id" uuid not null, "at" timestamptz not null, "kind" text not null, "amount" int not null, "bucket_id" uuid not null, "bucket_kind" text not null, "reference" varchar(200) not null, "description" varchar(300) null, primary key ("id"));`);
    this.addSql(`create index "credit_ledger_user_id_at_index" on "credit_ledger" ("user_id", "at");`);

    this.addSql(`create table "credit_reservations" ("id" uuid not null, "user_id" uuid not null, "reference" varchar(200) not null, "amount" int not null, "status" text not null default 'reserved', "allocations" jsonb not null, "created_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "credit_reservations" add constraint "credit_reservations_reference_unique" unique ("reference");`);
    this.addSql(`create index "credit_reservations_user_id_status_index" on "credit_reservations" ("user_id", "status");`);

    this.addSql(`alter table "credit_buckets" add constraint "credit_buckets_kind_check" check ("kind" in ('daily', 'pro', 'topup', 'grant'));`);

    this.addSql(`alter table "credit_ledger" add constraint "credit_ledger_kind_check" check ("kind" in ('grant', 'spend', 'refund', 'expiry'));`);
    this.addSql(`alter table "credit_ledger" add constraint "credit_ledger_bucket_kind_check" check ("bucket_kind" in ('daily', 'pro', 'topup', 'grant'));`);

    this.addSql(`alter table "credit_reservations" add constraint "credit_reservations_status_check" check ("status" in ('reserved', 'settled', 'released'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "credit_accounts" cascade;`);
    this.addSql(`drop table if exists "credit_buckets" cascade;`);
    this.addSql(`drop table if exists "credit_ledger" cascade;`);
    this.addSql(`drop table if exists "credit_reservations" cascade;`);
  }

}
