import type { InstallationRecord, RepositoryRecord } from "../../records/types.js";
import type { RepositoryPayload } from "../schemas/common.js";
import type { InstallationPayload } from "../schemas/installation.js";

export function extractInstallation(installation: InstallationPayload): InstallationRecord {
  return {
    installationId: installation.id,
    account: {
      id: installation.account.id,
      login: installation.account.login,
      type: installation.account.type,
    },
    repositorySelection: installation.repository_selection,
    suspendedAt: installation.suspended_at ?? null,
    permissions: installation.permissions,
    events: installation.events,
  };
}

/** What a webhook knows about a repository (undated without `nameVersion`); sync state is the sync's. */
export type RepositoryFields = Pick<RepositoryRecord, "installationId" | "repoId" | "fullName" | "private"> &
  Partial<Pick<RepositoryRecord, "nameVersion">>;

export function extractRepository(installationId: number, repository: RepositoryPayload): RepositoryFields {
  return {
    installationId,
    repoId: repository.id,
    fullName: repository.full_name,
    private: repository.private,
    nameVersion: repository.updated_at ?? null,
  };
}
