import type { Simulator } from "../../../src/simulator/server.js";
import { freePort } from "../../../src/storage/embedded-server.js";
import { productEnv, spawnProductProcess, type ProductProcess } from "../../sync/helpers/worker-process.js";

export interface AppProcess extends ProductProcess {
  port: number;
  /** Where GitHub posts deliveries. */
  webhookUrl: string;
}

/**
 * `npm start` as a child process (compiled `dist/main.js`: run `npm run build` first), against the
 * simulator and the database at `serverUri`; on `port` when given, so a restarted app is where GitHub
 * delivers. OPEN_PR_DEBOUNCE_SECONDS is an hour: no completion job reaches GitHub during a test.
 */
export async function startAppProcess(
  sim: Simulator,
  database: { dbName: string; serverUri: string },
  options: { webhookSecret: string; port?: number },
): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const app = await spawnProductProcess(
    ["dist/main.js"],
    {
      ...productEnv(sim, database.dbName, database.serverUri),
      PORT: String(port),
      HOST: "127.0.0.1",
      WEBHOOK_SECRET: options.webhookSecret,
      OPEN_PR_DEBOUNCE_SECONDS: "3600",
    },
    "mergelens is running",
  );
  return { ...app, port, webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks` };
}
