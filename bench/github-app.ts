import { Probot } from "probot";
import { createOctokitClass } from "../src/github/index.js";
import { throwawayPrivateKey } from "../src/runtime/app-key.js";

/** The simulator accepts any app id and key; one RSA key per run keeps start-up fast. */
export const BENCH_APP_ID = 1;

export { throwawayPrivateKey as benchPrivateKey };

export interface BenchProbotOptions {
  /** `http://127.0.0.1:<port>` of the simulator. */
  simulatorUrl: string;
  /**
   * "mergelens": the app's own Octokit class (createOctokitClass), throttling as given.
   * "probot-default": Probot's stock Octokit, what a typical Probot-based tool runs with.
   */
  octokit: "mergelens" | "probot-default";
  /** Probot's throttling spaces GraphQL calls ≥ 1 s apart; off only where wall time is not measured. */
  throttling?: boolean;
  privateKey?: string;
}

export function createBenchProbot(options: BenchProbotOptions): Probot {
  return new Probot({
    appId: BENCH_APP_ID,
    privateKey: options.privateKey ?? throwawayPrivateKey(),
    baseUrl: `${options.simulatorUrl}/api/v3`,
    logLevel: "fatal",
    ...(options.octokit === "mergelens"
      ? { Octokit: createOctokitClass({ throttling: options.throttling ?? true }) }
      : {}),
  });
}

/** Stock Probot's installation client for a simulated organisation: what GitHub's own users call it with. */
export const stockInstallationOctokit = (target: { sim: { url: string }; installationId: number }) =>
  createBenchProbot({ simulatorUrl: target.sim.url, octokit: "probot-default" }).auth(target.installationId);
