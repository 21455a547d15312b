import type { Probot } from "probot";
import { fetchPullRequestsPage, getInstallationClient } from "../src/github/index.js";
import type { Store } from "../src/storage/store.js";

export interface BackfillTarget {
  app: Probot;
  store: Store;
  installationId: number;
  repoId: number;
  owner: string;
  repo: string;
  days: number;
}

// PROVISIONAL until src/sync's backfill lands: pages through the access layer without storing.
export async function runMergelensBackfill(target: BackfillTarget): Promise<void> {
  const client = await getInstallationClient(target.app, target.installationId);
  let cursor: string | null = null;
  for (;;) {
    const page = await fetchPullRequestsPage(client, {
      repoId: target.repoId,
      owner: target.owner,
      repo: target.repo,
      cursor,
    });
    cursor = page.nextCursor;
    if (!page.hasNextPage) return;
  }
}
