import { Migration } from '@mikro-orm/migrations';

export class Migration20261124165336_probe_label extends Migration {

  override name = 'Migration20261124165336_probe_label';

  override up(): void | Promise<void> {
    this.addSql(`alter table "worker_probes" add "label" varchar(80) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "worker_probes" drop column "label";`);
  }

}
