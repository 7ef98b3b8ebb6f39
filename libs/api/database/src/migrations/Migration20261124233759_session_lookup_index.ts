import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233759_session_lookup_index extends Migration {

  override name = 'Migration20261124233759_session_lookup_index';

  override up(): void | Promise<void> {
    this.addSql(`create index "sessions_user_id_revoked_at_expires_at_index" on "sessions" ("user_id", "revoked_at", "expires_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "sessions_user_id_revoked_at_expires_at_index";`);
  }

}
