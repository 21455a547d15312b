import type { InstallationRecord, RepositoryFields } from "../../records/types.js";
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

export function extractRepository(installationId: number, repository: RepositoryPayload): RepositoryFields {
  return {
    installationId,
    repoId: repository.id,
    fullName: repository.full_name,
    private: repository.private,
    nameVersion: repository.updated_at ?? null,
  };
}
