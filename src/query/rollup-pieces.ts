import type { GroupBy } from "../metrics/aggregate.js";
import type { RollupPiece } from "../metrics/rollup-answer.js";
import { partsOfPullRequests, type PersonName } from "../metrics/rollup-build.js";
import { splitAtWeeks, weekKey } from "../metrics/week.js";
import type { RollupDocument, StoredPersonPart } from "../storage/models/rollup.js";
import { decodePart } from "../storage/rollups/codec.js";
import { readPullRequestsInRanges, type PullRequestScope } from "../storage/rollups/read-pull-requests.js";
import type { Store } from "../storage/store.js";

export interface Pieces {
  pieces: RollupPiece[];
  names: PersonName[];
}

/** What a grouping reads of a rollup: the totals, or one list of people. */
const PROJECTIONS = {
  none: { _id: 0, repoId: 1, week: 1, total: 1 },
  week: { _id: 0, repoId: 1, week: 1, total: 1 },
  repo: { _id: 0, repoId: 1, week: 1, total: 1 },
  author: { _id: 0, repoId: 1, week: 1, authors: 1 },
  reviewer: { _id: 0, repoId: 1, week: 1, reviewers: 1 },
} as const;

/**
 * The names of these repositories by id, for `repo` groups: as listed, or as their PRs carry them (a
 * webhook may store PRs before the installation's repository list).
 */
async function repositoryNames(
  store: Store,
  installationId: number,
  repoIds: ReadonlySet<number>,
): Promise<Map<number, string>> {
  const repos = await store.repositories
    .find({ installationId, repoId: { $in: [...repoIds] } }, { _id: 0, repoId: 1, fullName: 1 })
    .lean();
  const names = new Map(repos.map((repo) => [repo.repoId, repo.fullName]));
  for (const repoId of repoIds) {
    if (names.has(repoId)) continue;
    const pr = await store.pullRequests.findOne({ installationId, repoId }, { _id: 0, repo: 1 }).lean();
    if (pr) names.set(repoId, pr.repo);
  }
  return names;
}

/** The stored rollups of the whole weeks in [since, until), as pieces of the grouping's groups. */
async function rollupPieces(
  store: Store,
  scope: PullRequestScope,
  weeks: { since: Date; until: Date },
  groupBy: GroupBy,
  into: Pieces,
): Promise<void> {
  const docs = await store.rollups
    .find({ ...scope, week: { $gte: weeks.since, $lt: weeks.until } }, PROJECTIONS[groupBy])
    .lean<RollupDocument[]>();
  const names =
    groupBy === "repo"
      ? await repositoryNames(store, scope.installationId, new Set(docs.map((doc) => doc.repoId)))
      : new Map<number, string>();
  for (const doc of docs) {
    if (groupBy === "author" || groupBy === "reviewer") {
      const people: StoredPersonPart[] = (groupBy === "author" ? doc.authors : doc.reviewers) ?? [];
      for (const person of people) {
        into.pieces.push({ key: person.key, part: decodePart(person) });
        into.names.push({ key: person.key, login: person.login, at: person.at.getTime() });
      }
    } else if (doc.total) {
      const key =
        groupBy === "week" ? weekKey(doc.week) : groupBy === "repo" ? (names.get(doc.repoId) ?? "") : "all";
      into.pieces.push({ key, part: decodePart(doc.total) });
    }
  }
}

/**
 * The pieces of an aggregate over [since, until) for one installation or repository: the rollups of its
 * whole weeks, and the partial weeks at its ends computed from their PRs, read on an index. Exact for
 * any range: a PR counts in a stored week or in an edge, never both.
 */
export async function piecesOfRange(
  store: Store,
  scope: PullRequestScope,
  range: { since: Date; until: Date; groupBy: GroupBy },
  into: Pieces,
): Promise<void> {
  const { weeks, edges } = splitAtWeeks(range.since, range.until);
  const prs = edges.length > 0 ? await readPullRequestsInRanges(store, scope, edges) : [];
  for (const edge of edges) {
    const { parts, names } = partsOfPullRequests(prs, { ...edge, groupBy: range.groupBy });
    for (const [key, part] of parts) into.pieces.push({ key, part });
    into.names.push(...names.values());
  }
  if (weeks) await rollupPieces(store, scope, weeks, range.groupBy, into);
}
