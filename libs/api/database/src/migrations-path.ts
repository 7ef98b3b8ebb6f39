/** Where new migrations are written, relative to the workspace root. */
export const MIGRATIONS_SOURCE_DIR = 'libs/api/database/src/migrations';
