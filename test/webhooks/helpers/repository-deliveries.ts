import { installationScopedModels, type Store } from "../../../src/storage/store.js";
import type { TestApp } from "./app.js";
import { edit, example, scenario } from "./fixtures.js";

export interface Repo {
  id: number;
  full_name: string;
}

/**
 * One delivery of every kind a repository sends (a PR, a review, an inline comment, a check run and
 * suite, a deployment status), moved to `repo` under `installationId`.
 */
export async function deliverRepositoryRecords(app: TestApp, installationId: number, repo: Repo) {
  const deliveries = [
    { name: "pull_request", payload: example("pull_request", "opened") },
    ...scenario("bot-review"),
    { name: "pull_request_review_comment", payload: example("pull_request_review_comment", "created") },
    { name: "check_run", payload: example("check_run", "completed") },
    { name: "check_suite", payload: example("check_suite", "completed") },
    { name: "deployment_status", payload: example("deployment_status", "created") },
  ];
  for (const { name, payload } of deliveries) {
    // GitHub's ids are global, so records of another repository carry other ids.
    const ids = { "pull_request.id": repo.id, "review.id": repo.id, "comment.id": repo.id };
    const scoped = { "installation.id": installationId, repository: { ...repo, private: false }, ...ids };
    await app.receive(
      name,
      edit(payload, {
        ...scoped,
        "check_run.id": repo.id,
        "check_suite.id": repo.id,
        "deployment.id": repo.id,
      }),
    );
  }
}

interface ScopeFilter {
  installationId: number;
  repoId?: number;
}
/** Every scoped model fits this; a union of mongoose models has no callable `countDocuments`. */
interface Countable {
  countDocuments(filter: ScopeFilter): { exec(): Promise<number> };
}

/** Documents per per-installation collection, counted with `filter`. */
export function scopedCounts(store: Store, filter: ScopeFilter): Promise<number[]> {
  const models: Countable[] = installationScopedModels(store);
  return Promise.all(models.map((model) => model.countDocuments(filter).exec()));
}

/** What `scopedCounts` gives when every collection holds `n`. */
export const everywhere = (store: Store, n: number) => installationScopedModels(store).map(() => n);
