import { randomBytes } from "node:crypto";
import { startAppProcess, type AppProcess } from "./app-process.js";
import { openBenchDatabase, uriForDatabase, type BenchDatabase } from "./database.js";
import { benchPrivateKey, BENCH_APP_ID } from "./github-app.js";
import { startSimulatedRepo, type SimulatedRepo } from "./simulated-repo.js";

export interface AppOnSimulatedRepo {
  target: SimulatedRepo;
  database: BenchDatabase;
  /** The app's `WEBHOOK_SECRET`, for signing deliveries. */
  secret: string;
  app: AppProcess;
}

const APP_READY_MS = 60_000;

/**
 * A simulated repository of `prs` PRs, a fresh database named for `purpose`, and `npm start`'s app wired
 * to both (a generated app key and secret, `env` on top); `use` runs with them, and all three are
 * stopped afterwards, whatever happens.
 */
export async function withAppOnSimulatedRepo<T>(
  options: { mongoUri: string; prs: number; purpose: string; env?: Record<string, string> },
  use: (setup: AppOnSimulatedRepo) => Promise<T>,
): Promise<T> {
  const target = await startSimulatedRepo({ prs: options.prs, seed: `bench-${options.purpose}` });
  const database = await openBenchDatabase(options.mongoUri, options.purpose);
  const secret = randomBytes(16).toString("hex");
  try {
    const app = await startAppProcess(
      {
        APP_ID: String(BENCH_APP_ID),
        PRIVATE_KEY: benchPrivateKey(),
        WEBHOOK_SECRET: secret,
        ...target.sim.env,
        MONGODB_URI: uriForDatabase(options.mongoUri, database.name),
        ...options.env,
      },
      APP_READY_MS,
    );
    try {
      return await use({ target, database, secret, app });
    } finally {
      await app.stop();
    }
  } finally {
    await database.drop();
    await target.sim.stop();
  }
}
