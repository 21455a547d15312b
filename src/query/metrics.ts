import { aggregatePullRequests, type Aggregate, type GroupBy } from "../metrics/aggregate.js";
import { aggregateParts } from "../metrics/rollup-answer.js";
import type { PullRequestScope } from "../storage/rollups/read-pull-requests.js";
import type { Store } from "../storage/store.js";
import { flattenRecord } from "./csv.js";
import { resolveRepository } from "./repositories.js";
import { piecesOfRange, type Pieces } from "./rollup-pieces.js";

export interface MetricsQuery {
  repo?: string;
  /** [since, until) bounds `mergedAt` for merged figures and `createdAt` for prsOpened (METRICS.md). */
  since: Date;
  until: Date;
  groupBy?: Exclude<GroupBy, "none">;
}

/**
 * The aggregates of METRICS.md from the stored rollups of the range's whole weeks and the PRs of its
 * partial weeks (src/query/rollup-pieces.ts): about weeks × repositories small documents, never every PR.
 */
export async function getMetrics(
  store: Store,
  installationId: number,
  query: MetricsQuery,
): Promise<Aggregate> {
  const repoId = query.repo ? (await resolveRepository(store, installationId, query.repo)).repoId : undefined;
  return aggregateStored(store, [{ installationId, ...(repoId === undefined ? {} : { repoId }) }], query);
}

/**
 * The same aggregates over every repository of several installations: for the CLI, which has no token to
 * scope it to one, so an operator's `--group-by repo` lists every repository the app tracks.
 */
export function getMetricsOfInstallations(
  store: Store,
  installationIds: readonly number[],
  query: Omit<MetricsQuery, "repo">,
): Promise<Aggregate> {
  return aggregateStored(
    store,
    installationIds.map((installationId) => ({ installationId })),
    query,
  );
}

async function aggregateStored(
  store: Store,
  scopes: readonly PullRequestScope[],
  query: Omit<MetricsQuery, "repo">,
): Promise<Aggregate> {
  const range = { since: query.since, until: query.until, groupBy: query.groupBy ?? "none" } as const;
  const found: Pieces = { pieces: [], names: [] };
  // One installation at a time: each read is an equality prefix on an index (STACK.md).
  for (const scope of scopes) await piecesOfRange(store, scope, range, found);
  return aggregateParts(range, found.pieces, found.names);
}

/** A group's CSV columns, taken from an empty group so a list with no groups still has its header. */
export const GROUP_COLUMNS: readonly string[] = [
  ...flattenRecord(
    aggregatePullRequests([], { since: new Date(0), until: new Date(1), groupBy: "none" }).groups[0],
  ).keys(),
];
