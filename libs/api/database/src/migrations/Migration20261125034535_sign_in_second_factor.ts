import { Migration } from '@mikro-orm/migrations';

export class Migration20261125034535_sign_in_second_factor extends Migration {

  override name = 'Migration20261125034535_sign_in_second_factor';

  override up(): void | Promise<void> {
    this.addSql(`alter table "login_events" add "second_factor" boolean not null default false;`);
    // Sign-ins with two-factor were recorded as one "password_mfa" method before the split.
    this.addSql(
      `update "login_events" set "method" = 'password', "second_factor" = true where "method" = 'password_mfa';`,
    );

    this.addSql(`alter table "mfa_challenges" add "first_factor" varchar(20) not null default 'password';`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      `update "login_events" set "method" = 'password_mfa' where "method" = 'password' and "second_factor";`,
    );
    this.addSql(`alter table "login_events" drop column "second_factor";`);

    this.addSql(`alter table "mfa_challenges" drop column "first_factor";`);
  }

}
