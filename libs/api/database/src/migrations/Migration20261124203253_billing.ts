import { Migration } from '@mikro-orm/migrations';

export class Migration20261124203253_billing extends Migration {

  override name = 'Migration20261124203253_billing';

  override up(): void | Promise<void> {
    this.addSql(`create table "billing_customers" ("user_id" uuid not null, "stripe_customer_id" varchar(100) not null, "created_at" timestamptz not null, primary key ("user_id"));`);
    this.addSql(`alter table "billing_customers" add constraint "billing_customers_stripe_customer_id_unique" unique ("stripe_customer_id");`);

    this.addSql(`create table "pro_subscriptions" ("id" varchar(100) not null, "user_id" uuid not null, "source" text not null, "status" varchar(30) not null, "current_period_end" timestamptz not null, "cancel_at_period_end" boolean not null default false, "reason" varchar(300) null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "pro_subscriptions_user_id_current_period_end_index" on "pro_subscriptions" ("user_id", "current_period_end");`);

    this.addSql(`create table "stripe_events" ("id" varchar(100) not null, "type" varchar(100) not null, "received_at" timestamptz not null, "processed_at" timestamptz null, primary key ("id"));`);

    this.addSql(`alter table "pro_subscriptions" add constraint "pro_subscriptions_source_check" check ("source" in ('stripe', 'admin'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "billing_customers" cascade;`);
    this.addSql(`drop table if exists "pro_subscriptions" cascade;`);
    this.addSql(`drop table if exists "stripe_events" cascade;`);
  }

}
