import type { RepoConfigFile } from "../../src/metrics/repo-config.js";
import type { PullRequestDocument } from "../../src/storage/models/pull-request.js";
import type { RepositoryDocument } from "../../src/storage/models/repository.js";
import type { Store } from "../../src/storage/store.js";

/** Storage-level fixtures: documents inserted through the models, as the sync engine would leave them. */

export async function seedInstallation(store: Store, installationId: number, login: string): Promise<void> {
  await store.installations.create({
    installationId,
    account: { id: installationId * 10, login, type: "Organization" },
    repositorySelection: "all",
  });
}

export async function seedRepository(
  store: Store,
  installationId: number,
  repoId: number,
  fullName: string,
  extra: Partial<Omit<RepositoryDocument, "installationId" | "repoId" | "fullName">> = {},
): Promise<void> {
  await store.repositories.create({ installationId, repoId, fullName, ...extra });
}

/** A repository whose `.github/mergelens.yml` the convert step has fetched and cached. */
export const withConfig = (config: RepoConfigFile) => ({ config, configFetchedAt: new Date() });

let nextPrId = 1000;

export type PrSeed = Partial<PullRequestDocument> &
  Pick<PullRequestDocument, "installationId" | "repoId" | "repo" | "number">;

/** A PR document with plausible defaults; `createdAt` defaults to a fixed day so tests control order. */
export function prDocument(seed: PrSeed): PullRequestDocument {
  const createdAt = seed.createdAt ?? new Date("2024-05-01T10:00:00Z");
  return {
    prId: nextPrId++,
    nodeId: null,
    title: `PR ${seed.number}`,
    body: "",
    author: { login: "alice", id: 1, type: "User" },
    state: "open",
    draft: false,
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
    mergedAt: null,
    headRef: `feature-${seed.number}`,
    headSha: "abc",
    baseRef: "main",
    mergeCommitSha: null,
    labels: [],
    milestone: null,
    assignees: [],
    linkedIssues: [],
    additions: 10,
    deletions: 2,
    changedFiles: 1,
    openedAsDraft: false,
    firstReadyForReviewAt: null,
    readyAt: createdAt,
    firstReviewAt: null,
    firstApprovalAt: null,
    reviewers: [],
    reviewsByReviewer: [],
    isRevert: false,
    isHotfix: false,
    aiAssisted: false,
    aiEvidence: [],
    dataComplete: true,
    dataNotes: [],
    metrics: {},
    ...seed,
  };
}

export async function seedPullRequests(store: Store, seeds: PrSeed[]): Promise<PullRequestDocument[]> {
  const docs = seeds.map(prDocument);
  await store.pullRequests.insertMany(docs);
  return docs;
}
