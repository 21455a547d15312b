import type { RepoConfigFile } from "../../src/metrics/repo-config.js";
import type { PullRequestDocument } from "../../src/storage/models/pull-request.js";
import type { RepositoryDocument } from "../../src/storage/models/repository.js";
import type { Store } from "../../src/storage/store.js";
import { pullRequestDocument } from "../harness/factories.js";
import { rebuildRollupsOf } from "../harness/rollups.js";

/**
 * Storage-level fixtures: documents inserted through the models, as the sync engine would leave them
 * (PRs with their weeks' rollups).
 */

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
  return pullRequestDocument({
    prId: nextPrId++,
    title: `PR ${seed.number}`,
    headRef: `feature-${seed.number}`,
    headSha: "abc",
    changedFiles: 1,
    createdAt: new Date("2024-05-01T10:00:00Z"),
    ...seed,
  });
}

export async function seedPullRequests(store: Store, seeds: PrSeed[]): Promise<PullRequestDocument[]> {
  const docs = seeds.map(prDocument);
  await store.pullRequests.insertMany(docs);
  await rebuildRollupsOf(store, docs);
  return docs;
}
