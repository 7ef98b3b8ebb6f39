// Written by `npm run db:migration:create`: the committed migration history, oldest first.
import { Migration20261124164414_init } from './Migration20261124164414_init';
import { Migration20261124165336_probe_label } from './Migration20261124165336_probe_label';

export const MIGRATIONS = [
  { name: 'Migration20261124164414_init', class: Migration20261124164414_init },
  { name: 'Migration20261124165336_probe_label', class: Migration20261124165336_probe_label },
];
