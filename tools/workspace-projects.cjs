// Where the workspace's projects are: every folder apps/<name> and libs/<scope>/<name> that holds a
// project.json. Shared by the scripts that treat all projects alike (the root Jest config, the type
// checks), so a new project or a new scope is picked up by each of them without edits.
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

const subfolders = (dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(dir, entry.name));

/** Absolute paths of every project folder, sorted. */
function projectFolders() {
  return [...subfolders(path.join(ROOT, 'apps')), ...subfolders(path.join(ROOT, 'libs')).flatMap(subfolders)]
    .filter((folder) => existsSync(path.join(folder, 'project.json')))
    .sort();
}

module.exports = { ROOT, projectFolders };
