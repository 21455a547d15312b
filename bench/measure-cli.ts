import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { openBenchDatabase, uriForDatabase } from "./database.js";
import { createBenchProbot } from "./github-app.js";
import { runMergelensBackfill } from "./mergelens-backfill.js";
import { startSimulatedRepo } from "./simulated-repo.js";

const run = promisify(execFile);

/** Medians over `runs` fresh node processes, as a user runs `npx mergelens …`. */
export interface CommandTime {
  wallMs: number;
  /** The process's own user + system CPU: what a busy machine does not inflate as it does wall time. */
  cpuMs: number;
}

export interface CliResult {
  runs: number;
  /** The same node starting and exiting with nothing to do: what no command can go below. */
  node: CommandTime;
  help: CommandTime;
  version: CommandTime;
  /** `metrics --repo`, and with `--group-by week`, on a repository holding the demo's PRs. */
  metrics: CommandTime;
  metricsByWeek: CommandTime;
  prs: number;
}

/** The demo's 3 repositories × 120 PRs, in one repository so one `metrics --repo` reads them all. */
const DEMO_PRS = 360;

/** Reports the process's CPU time on stderr as it exits (loaded before the command with --import). */
const CPU_REPORT = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\ncpu-ms "+(u.user+u.system)/1000+"\\n")})`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function timeCommand(runs: number, argv: string[], env: NodeJS.ProcessEnv): Promise<CommandTime> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const { stderr } = await run(process.execPath, ["--import", CPU_REPORT, ...argv], { env });
    wall.push(performance.now() - started);
    const reported = /cpu-ms ([\d.]+)\s*$/.exec(stderr);
    if (!reported) throw new Error(`no CPU time reported by ${argv.join(" ")}: ${stderr}`);
    cpu.push(Number(reported[1]));
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

/** The compiled bin (`npm run build`), not the sources: that is what ships. */
export async function measureCli(options: {
  mongoUri: string;
  projectRoot: string;
  runs: number;
}): Promise<CliResult> {
  const bin = path.join(options.projectRoot, "bin/mergelens.js");
  if (!existsSync(path.join(options.projectRoot, "dist/bin/mergelens.js")))
    throw new Error("dist/ is not built: run `npm run build` first");
  const target = await startSimulatedRepo({ prs: DEMO_PRS, seed: "bench-cli" });
  const database = await openBenchDatabase(options.mongoUri, "cli");
  try {
    const app = createBenchProbot({ simulatorUrl: target.sim.url, octokit: "mergelens", throttling: false });
    await runMergelensBackfill({ ...target, app, store: database.store, days: 90 });
    const env = { ...process.env, MONGODB_URI: uriForDatabase(options.mongoUri, database.name) };
    const repo = `${target.owner}/${target.repo}`;
    const time = (argv: string[]) => timeCommand(options.runs, argv, env);
    return {
      runs: options.runs,
      node: await time(["-e", ""]),
      help: await time([bin, "--help"]),
      version: await time([bin, "--version"]),
      metrics: await time([bin, "metrics", "--repo", repo]),
      metricsByWeek: await time([bin, "metrics", "--repo", repo, "--group-by", "week"]),
      prs: await database.store.pullRequests.countDocuments({}),
    };
  } finally {
    await database.drop();
    await target.sim.stop();
  }
}
