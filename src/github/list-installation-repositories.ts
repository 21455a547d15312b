import type { RepositoryRecord } from "../records/types.js";
import type { GitHubClient } from "./installation-client.js";

export type InstallationRepository = Pick<
  RepositoryRecord,
  "installationId" | "repoId" | "fullName" | "private"
>;

/**
 * Every repository the installation can see (`GET /installation/repositories`, 100 a page). The budget is
 * checked once before: a 500-repository organisation takes five requests.
 */
export async function listInstallationRepositories(client: GitHubClient): Promise<InstallationRepository[]> {
  client.budget.assertAbove("core");
  const repositories = await client.octokit.paginate(
    client.octokit.rest.apps.listReposAccessibleToInstallation,
    {
      per_page: 100,
    },
  );
  return repositories.map((repository) => ({
    installationId: client.installationId,
    repoId: repository.id,
    fullName: repository.full_name,
    private: repository.private,
  }));
}
