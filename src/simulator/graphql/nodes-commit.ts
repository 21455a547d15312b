import { iso, nodeId } from "../ids.js";
import type { CheckRunModel, CommitModel, RepoModel } from "../model.js";
import { connection, type ConnectionArgs } from "./connection.js";
import { enumValue, gitActorNode, type GqlScope } from "./nodes-common.js";

interface CheckRunFilter {
  checkType?: "ALL" | "LATEST" | null;
  checkName?: string | null;
  status?: string | null;
  conclusions?: string[] | null;
  appId?: number | null;
}

const FAILED = new Set(["failure", "timed_out", "startup_failure", "cancelled"]);

/** Just the commit's identity, where GitHub would link to it (parents, merge commits, reviews). */
export function commitRef(scope: GqlScope, repo: RepoModel, oid: string) {
  return {
    __typename: "Commit",
    id: nodeId("C", repo.index, oid),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    url: `${scope.urls.web}/${repo.fullName}/commit/${oid}`,
  };
}

function latest(runs: CheckRunModel[]): CheckRunModel[] {
  const newest = new Map<string, CheckRunModel>();
  for (const run of runs)
    if ((newest.get(run.name)?.startedAt ?? -1) <= run.startedAt) newest.set(run.name, run);
  return runs.filter((run) => newest.get(run.name) === run);
}

function checkRunNode(scope: GqlScope, repo: RepoModel, run: CheckRunModel) {
  const url = `${scope.urls.web}/${repo.fullName}/runs/${run.id}`;
  return {
    __typename: "CheckRun",
    id: nodeId("CR", run.id),
    databaseId: run.id,
    name: run.name,
    status: enumValue(run.status),
    conclusion: run.conclusion === null ? null : enumValue(run.conclusion),
    startedAt: iso(run.startedAt),
    completedAt: run.completedAt === null ? null : iso(run.completedAt),
    detailsUrl: url,
    url,
    permalink: url,
  };
}

function filterRuns(runs: CheckRunModel[], filter: CheckRunFilter | null | undefined): CheckRunModel[] {
  if (!filter) return runs;
  return (filter.checkType === "LATEST" ? latest(runs) : runs).filter(
    (run) =>
      (!filter.checkName || run.name === filter.checkName) &&
      (!filter.status || enumValue(run.status) === filter.status) &&
      (!filter.conclusions ||
        (run.conclusion !== null && filter.conclusions.includes(enumValue(run.conclusion)))) &&
      (!filter.appId || run.app.id === filter.appId),
  );
}

/** The check suites of a commit, one per app, each with its runs (re-runs included unless LATEST). */
function checkSuiteNodes(scope: GqlScope, repo: RepoModel, runs: CheckRunModel[], number: number) {
  const bySuite = new Map<number, CheckRunModel[]>();
  for (const run of runs) bySuite.set(run.suiteId, [...(bySuite.get(run.suiteId) ?? []), run]);
  return [...bySuite].map(([id, suiteRuns]) => {
    const current = latest(suiteRuns);
    const done = suiteRuns.every((run) => run.status === "completed");
    const failed = current.some((run) => run.conclusion !== null && FAILED.has(run.conclusion));
    const app = suiteRuns[0].app;
    return {
      __typename: "CheckSuite",
      id: nodeId("CS", repo.index, number, id),
      databaseId: id,
      app: { __typename: "App", id: nodeId("A", app.id), databaseId: app.id, name: app.name, slug: app.slug },
      status: done ? "COMPLETED" : "IN_PROGRESS",
      conclusion: done ? (failed ? "FAILURE" : "SUCCESS") : null,
      createdAt: iso(Math.min(...suiteRuns.map((run) => run.startedAt))),
      checkRuns: (args: ConnectionArgs & { filterBy?: CheckRunFilter | null }) =>
        connection(filterRuns(suiteRuns, args.filterBy), args, (run) => checkRunNode(scope, repo, run)),
    };
  });
}

/** A commit of PR `number` with its message, authorship and, on the head, the check suites that ran on it. */
export function commitNode(
  scope: GqlScope,
  repo: RepoModel,
  commit: CommitModel,
  runs: () => CheckRunModel[],
  number: number,
) {
  const [headline, ...rest] = commit.message.split("\n");
  const author = gitActorNode(scope, commit.author, commit.authoredAt);
  return {
    ...commitRef(scope, repo, commit.sha),
    message: commit.message,
    messageHeadline: headline,
    messageBody: rest.join("\n").trim(),
    authoredDate: iso(commit.authoredAt),
    committedDate: iso(commit.committedAt),
    additions: commit.additions,
    deletions: commit.deletions,
    changedFilesIfAvailable: null,
    author,
    committer: gitActorNode(scope, commit.author, commit.committedAt),
    authors: (args: ConnectionArgs) => connection([author], args, (actor) => actor),
    parents: (args: ConnectionArgs) => connection(commit.parents, args, (oid) => commitRef(scope, repo, oid)),
    checkSuites: (args: ConnectionArgs) =>
      connection(checkSuiteNodes(scope, repo, runs(), number), args, (suite) => suite),
    statusCheckRollup: () => {
      const current = latest(runs());
      if (current.length === 0) return null;
      if (current.some((run) => run.conclusion !== null && FAILED.has(run.conclusion)))
        return { state: "FAILURE" };
      return { state: current.every((run) => run.status === "completed") ? "SUCCESS" : "PENDING" };
    },
  };
}
