import { Migration } from '@mikro-orm/migrations';

/**
 * Holds name what they pay for (owner kind and id) and when the sweeper may give them back. Existing
 * holds of tool runs are matched to their run by the reference they were made with
 * (`run:<user>:<idempotency key>`); any other hold expires at once, so the next sweep returns it.
 */
export class Migration20261202081000_credit_holds extends Migration {

  override name = 'Migration20261202081000_credit_holds';

  override up(): void | Promise<void> {
    this.addSql(`alter table "credit_reservations" add column "owner_kind" varchar(40) null, add column "owner_id" varchar(100) null, add column "expires_at" timestamptz null;`);
    this.addSql(`update "credit_reservations" r set "owner_kind" = 'run', "owner_id" = t."id"::text, "expires_at" = coalesce(t."started_at", t."created_at") + make_interval(secs => t."timeout_seconds") + interval '15 minutes' from "tool_runs" t where r."reference" = 'run:' || t."user_id" || ':' || t."idempotency_key";`);
    this.addSql(`update "credit_reservations" set "owner_kind" = 'unowned', "owner_id" = "id"::text, "expires_at" = "created_at" where "owner_kind" is null;`);
    this.addSql(`alter table "credit_reservations" alter column "owner_kind" set not null, alter column "owner_id" set not null, alter column "expires_at" set not null;`);
    this.addSql(`create index "credit_reservations_status_expires_at_index" on "credit_reservations" ("status", "expires_at");`);
    this.addSql(`alter table "credit_reservations" add constraint "credit_reservations_owner_kind_owner_id_unique" unique ("owner_kind", "owner_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "credit_reservations" drop constraint "credit_reservations_owner_kind_owner_id_unique";`);
    this.addSql(`drop index "credit_reservations_status_expires_at_index";`);
    this.addSql(`alter table "credit_reservations" drop column "owner_kind", drop column "owner_id", drop column "expires_at";`);
  }

}
