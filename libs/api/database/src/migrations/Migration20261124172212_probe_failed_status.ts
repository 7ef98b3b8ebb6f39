import { Migration } from '@mikro-orm/migrations';

export class Migration20261124172212_probe_failed_status extends Migration {

  override name = 'Migration20261124172212_probe_failed_status';

  override up(): void | Promise<void> {
    this.addSql(`alter table "worker_probes" drop constraint "worker_probes_status_check";`);
    this.addSql(`alter table "worker_probes" add constraint "worker_probes_status_check" check ("status" in ('queued', 'completed', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "worker_probes" drop constraint "worker_probes_status_check";`);
    this.addSql(`alter table "worker_probes" add constraint "worker_probes_status_check" check ("status" in ('queued', 'completed'));`);
  }

}
