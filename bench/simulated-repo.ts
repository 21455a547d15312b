import { startSimulator, type Simulator } from "../src/simulator/server.js";

/** One simulated repository of a given size, the unit every measurement syncs. */
export interface SimulatedRepo {
  sim: Simulator;
  installationId: number;
  repoId: number;
  owner: string;
  repo: string;
}

/** History the simulator generates; BACKFILL_DAYS' default of 90 then covers every PR. */
const HISTORY_DAYS = 60;

/** The installation's hourly budget, raised so the baseline's thousands of requests are not cut off. */
const UNLIMITED = 100_000_000;

export async function startSimulatedRepo(options: {
  prs: number;
  seed: string;
  latencyMs?: number;
}): Promise<SimulatedRepo> {
  const sim = await startSimulator({
    seed: options.seed,
    repos: 1,
    prsPerRepo: options.prs,
    days: HISTORY_DAYS,
    latencyMs: options.latencyMs ?? 0,
    rateLimit: { limit: UNLIMITED },
  });
  const [first] = sim.org.repos;
  return {
    sim,
    installationId: sim.org.installationId,
    repoId: first.id,
    owner: sim.org.login,
    repo: first.name,
  };
}
