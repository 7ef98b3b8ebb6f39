// eslint-disable-next-line @nx/enforce-module-boundaries -- the product version is owned by the root package.json
import packageJson from '../../../../package.json';

/** The product version, from the root package.json (bundled at build time). */
export const APP_VERSION: string = packageJson.version;
