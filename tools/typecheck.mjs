// `npm run typecheck`: every Nx project's `typecheck` target, checked in as few compiler runs as give
// the same answers.
//
// Each library's own `tsc -p` re-checks every library it imports (paths point at sources), so checking
// 31 projects one by one parses the shared code dozens of times. Projects whose compiler (tsc or ngc)
// and resolved options are identical are checked together as one program: same options, same
// diagnostics for each file, one parse. The groups are worked out from the projects' own tsconfig files
// each time, so a new project, or one with options of its own, is checked correctly without edits here.
// One limit: in a shared program, a global declaration of one project is seen by the others too.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import workspace from './workspace-projects.cjs';

const { ROOT, projectFolders } = workspace;
const OUT_DIR = join(ROOT, 'dist/typecheck');
const CHECK_COMMAND = /^(tsc|ngc) -p (\S+) --noEmit$/;

/** Every project, with its project.json read (a malformed one fails the check). */
function projectFiles() {
  return projectFolders().map((folder) => ({
    root: relative(ROOT, folder),
    json: JSON.parse(readFileSync(join(folder, 'project.json'), 'utf8')),
  }));
}

/** angularCompilerOptions along the extends chain, nearest config winning. */
function angularOptions(configPath) {
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const inherited = config?.extends ? angularOptions(join(dirname(configPath), config.extends)) : {};
  return { ...inherited, ...(config?.angularCompilerOptions ?? {}) };
}

function describeProject({ root, json }) {
  const command = json.targets?.typecheck?.options?.command;
  if (!command) return undefined;
  const match = CHECK_COMMAND.exec(command);
  if (!match)
    throw new Error(`${root}: typecheck command '${command}' is not '<tsc|ngc> -p <tsconfig> --noEmit'`);
  const [, compiler, tsconfig] = match;
  const configPath = join(ROOT, tsconfig);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!parsed) throw new Error(`${root}: cannot read ${tsconfig}`);
  const options = { ...parsed.options, types: [...(parsed.options.types ?? [])].sort() };
  delete options.configFilePath; // differs per project, and changes no check
  return {
    name: json.name,
    compiler,
    configPath,
    files: parsed.fileNames,
    key: JSON.stringify([compiler, options, angularOptions(configPath)]),
  };
}

function groupProjects(projects) {
  const groups = new Map();
  for (const project of projects) {
    if (!groups.has(project.key)) groups.set(project.key, []);
    groups.get(project.key).push(project);
  }
  return [...groups.values()];
}

/** One tsconfig for a group: the first member's options (all members have the same), every member's files. */
function writeGroupConfig(group, index) {
  const file = join(OUT_DIR, `tsconfig.group-${index}.json`);
  const files = [...new Set(group.flatMap((project) => project.files))].map((path) =>
    relative(OUT_DIR, path),
  );
  writeFileSync(
    file,
    JSON.stringify(
      {
        extends: relative(OUT_DIR, group[0].configPath),
        compilerOptions: { noEmit: true },
        files,
        include: [],
      },
      null,
      2,
    ),
  );
  return file;
}

function check(group, config) {
  return new Promise((resolve) => {
    const bin = join(ROOT, 'node_modules/.bin', group[0].compiler);
    const child = spawn(bin, ['-p', config], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => resolve({ ok: false, output: `${error.message}\n` }));
    // 'close', not 'exit': the diagnostics are all read only once the output streams end.
    child.once('close', (code) => resolve({ ok: code === 0, output }));
  });
}

const projects = projectFiles().map(describeProject).filter(Boolean);
const groups = groupProjects(projects);
mkdirSync(OUT_DIR, { recursive: true });
console.log(`typecheck: ${projects.length} projects in ${groups.length} compiler runs`);

let failed = 0;
const queue = groups.map((group, index) => ({ group, config: writeGroupConfig(group, index) }));
const runNext = async () => {
  for (let next = queue.shift(); next; next = queue.shift()) {
    const started = Date.now();
    const { ok, output } = await check(next.group, next.config);
    const names = next.group.map((project) => project.name).join(', ');
    console.log(
      `${ok ? '✔' : '✘'} ${next.group[0].compiler} (${((Date.now() - started) / 1000).toFixed(1)} s): ${names}`,
    );
    if (!ok) {
      failed += 1;
      process.stdout.write(output);
    }
  }
};
const cores = Number(process.env.HUNTKIT_TEST_CORES ?? availableParallelism());
await Promise.all(Array.from({ length: Math.min(cores, queue.length) }, runNext));
process.exit(failed ? 1 : 0);
