import { parseArgs } from "node:util";
import { z } from "zod";
import { startSimulator } from "./server.js";

/**
 * Runs the GitHub simulator on its own: `tsx src/simulator/main.ts --repos 5 --prs 200`. Each flag can
 * also come from the environment (SIM_PORT, SIM_SEED, SIM_ORG, SIM_REPOS, SIM_PRS, SIM_LATENCY_MS).
 * Prints `GHE_HOST=…` and `GHE_PROTOCOL=http` for the app, then serves until SIGINT or SIGTERM.
 */
const count = (max: number) => z.coerce.number().int().min(0).max(max);
const optionsSchema = z.object({
  port: count(65535).default(0),
  seed: z.string().default("mergelens"),
  org: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, "must be a GitHub login")
    .default("acme"),
  repos: count(127).default(3),
  prs: count(16_000).default(50),
  "latency-ms": count(60_000).default(0),
});

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SIM_PORT },
    seed: { type: "string", default: process.env.SIM_SEED },
    org: { type: "string", default: process.env.SIM_ORG },
    repos: { type: "string", default: process.env.SIM_REPOS },
    prs: { type: "string", default: process.env.SIM_PRS },
    "latency-ms": { type: "string", default: process.env.SIM_LATENCY_MS },
  },
});
const parsed = optionsSchema.safeParse(
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== "")),
);
if (!parsed.success) {
  console.error(`simulator: ${z.prettifyError(parsed.error)}`);
  process.exit(2);
}
const options = parsed.data;

const sim = await startSimulator({
  port: options.port,
  seed: options.seed,
  org: options.org,
  repos: options.repos,
  prsPerRepo: options.prs,
  latencyMs: options["latency-ms"],
});
console.log(
  `GitHub simulator: ${options.org} with ${options.repos} repositories of ${options.prs} PRs at ${sim.url}`,
);
console.log(`GHE_HOST=${sim.host}`);
console.log(`GHE_PROTOCOL=http`);
console.log(`installation id ${sim.org.installationId}; any app id and private key are accepted`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sim.stop().then(() => process.exit(0));
  });
}
