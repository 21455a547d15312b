import type { SimulatedOrg } from "../src/simulator/generate-org.js";
import type { Urls } from "../src/simulator/rest/serialize-common.js";
import { buildPayload, INGEST_KINDS, type IngestKind } from "./ingest-payloads.js";
import { signBody } from "./webhook-signature.js";

/** One pre-signed body of the burst; each send adds its own `X-GitHub-Delivery`. */
export interface PooledDelivery {
  kind: IngestKind;
  /** `X-GitHub-Event`. */
  event: string;
  body: string;
  /** `X-Hub-Signature-256` of `body`. */
  signature: string;
}

export interface PoolOptions {
  size: number;
  /** `updated_at` of the first delivery; each next one is `stepMs` later, so later ones are newer. */
  startAt: number;
  stepMs: number;
}

/**
 * `size` signed deliveries about the organisation's PRs: each PR in turn gets one of every kind (as a
 * push fans out into a burst about one PR), then the next PR; a kind the PR cannot have (no review, a
 * push to a closed PR) is left out. Signing ahead keeps HMAC and JSON work out of the load tool's loop.
 */
export function buildDeliveryPool(
  org: SimulatedOrg,
  urls: Urls,
  secret: string,
  options: PoolOptions,
): PooledDelivery[] {
  const targets = org.repos.flatMap((repo) => org.pulls(repo.name).map((pull) => ({ repo, pull })));
  if (targets.length === 0) throw new Error("the simulated organisation has no PRs to send deliveries about");
  const pool: PooledDelivery[] = [];
  const attempts = options.size * INGEST_KINDS.length;
  for (let i = 0; pool.length < options.size && i < attempts; i++) {
    const round = Math.floor(i / INGEST_KINDS.length);
    const { repo, pull } = targets[round % targets.length];
    const kind = INGEST_KINDS[i % INGEST_KINDS.length];
    const at = options.startAt + pool.length * options.stepMs;
    // Later rounds over the same PR pick its next review, comment or check run.
    const built = buildPayload(kind, { org, repo, urls }, pull, at, Math.floor(round / targets.length));
    if (!built) continue;
    const body = JSON.stringify(built.payload);
    pool.push({ kind, event: built.event, body, signature: signBody(body, secret) });
  }
  if (pool.length < options.size) {
    throw new Error(`only ${pool.length} of ${options.size} deliveries could be built from the organisation`);
  }
  return pool;
}
