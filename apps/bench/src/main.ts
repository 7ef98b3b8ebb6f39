import 'reflect-metadata';
import { type AppConfig, loadConfigOrExit } from '@huntkit/api/core';
import { runCreditsWorkload } from './workloads/credits-workload';
import { runLiveViewersWorkload } from './workloads/live-viewers-workload';
import { runToolsWorkload } from './workloads/tools-workload';

/**
 * The workloads the .mjs benchmarks time inside the API's own code (its services, modules and stream
 * hub), built apart from the API so the production CLI carries no benchmark code. Each prints its
 * figures as JSON on the last line of stdout, which the calling benchmark reads.
 */
const WORKLOADS: Record<
  string,
  { size: number; run: (config: AppConfig, size: number) => Promise<unknown> }
> = {
  credits: { size: 1000, run: runCreditsWorkload },
  tools: { size: 100, run: runToolsWorkload },
  live: { size: 500, run: runLiveViewersWorkload },
};

const USAGE = `Usage: node dist/apps/bench/main.js <workload> [size]
  credits [users]    credits reserved for one user and for many, next to empty transactions
  tools [runs]       port scan and path discovery next to nmap and ffuf, and launch latency
  live [viewers]     the live-terminal fan-out, one hub next to a connection per viewer
Run through the benchmarks in apps/bench/src (npm run bench), which prepare the database and print the table.`;

async function main(name: string, size: string | undefined): Promise<number> {
  const workload = WORKLOADS[name];
  if (!workload) {
    console.error(USAGE);
    return 2;
  }
  console.log(JSON.stringify(await workload.run(loadConfigOrExit(), Number(size ?? workload.size))));
  return 0;
}

main(process.argv[2] ?? '', process.argv[3]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
