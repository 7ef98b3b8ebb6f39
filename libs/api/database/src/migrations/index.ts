// Written by `npm run db:migration:create`: the committed migration history, oldest first.
import { Migration20261124164414_init } from './Migration20261124164414_init';

export const MIGRATIONS = [
  { name: 'Migration20261124164414_init', class: Migration20261124164414_init },
];
