import { extractInstallation, extractRepository } from "../extract/installation.js";
import type { WebhookDeps } from "../deps.js";
import { recordAccess, removalsOf } from "../../storage/write/access.js";
import {
  deleteInstallation,
  ensureRepository,
  purgeRemoved,
  removeRepositories,
  saveInstallation,
} from "../../storage/write/installations.js";
import type { RepositoryPayload } from "../schemas/common.js";
import type {
  InstallationDeletedEvent,
  InstallationEvent,
  InstallationRepositoriesEvent,
} from "../schemas/installation.js";
import { runHook } from "./run-hook.js";

/** Tracks the repositories a delivery lists, but none removed from the app; returns the tracked ids. */
async function track(deps: WebhookDeps, installationId: number, repositories: readonly RepositoryPayload[]) {
  const tracked: number[] = [];
  for (const repository of repositories) {
    const fields = extractRepository(installationId, repository);
    if ((await ensureRepository(deps.store, fields)) !== null) tracked.push(fields.repoId);
  }
  return tracked;
}

/**
 * created, suspend, unsuspend, new_permissions_accepted: each carries the whole installation. None of
 * them lifts a removal (an add does), and a deleted installation's late deliveries store nothing.
 */
export async function handleInstallation(deps: WebhookDeps, payload: InstallationEvent): Promise<void> {
  const record = extractInstallation(payload.installation);
  const { installationId } = record;
  // Suspension is the point of a `suspend` delivery, even if GitHub left out its time.
  if (payload.action === "suspend") record.suspendedAt ??= new Date();
  if (payload.action === "unsuspend") record.suspendedAt = null;
  if (!(await saveInstallation(deps.store, record))) return;
  const tracked = await track(deps, installationId, payload.repositories ?? []);
  await purgeRemoved(deps.store, installationId, tracked);
  if (payload.action === "created") await backfill(deps, installationId, tracked);
}

async function backfill(deps: WebhookDeps, installationId: number, repoIds: readonly number[]) {
  if (repoIds.length === 0) return;
  await runHook(deps, { installationId, hook: "onRepositoriesTracked" }, () =>
    deps.onRepositoriesTracked(installationId, repoIds),
  );
}

export async function handleInstallationDeleted(
  deps: WebhookDeps,
  payload: InstallationDeletedEvent,
): Promise<void> {
  await deleteInstallation(deps.store, payload.installation.id);
}

/**
 * Each add and removal is recorded with the installation's `updated_at`, so one delivered late loses to
 * a later change of the same repository: a removal wins over the add before it, a re-add over both.
 */
export async function handleInstallationRepositories(
  deps: WebhookDeps,
  payload: InstallationRepositoriesEvent,
): Promise<void> {
  const installationId = payload.installation.id;
  if ((await removalsOf(deps.store, installationId, [])).installation) return;
  const version = payload.installation.updated_at ?? null;
  const recorded = async (repoId: number, removed: boolean) =>
    recordAccess(deps.store, { installationId, repoId }, removed, version);

  const removed: number[] = [];
  for (const { id } of payload.repositories_removed) if (await recorded(id, true)) removed.push(id);
  await removeRepositories(deps.store, installationId, removed);

  const added: RepositoryPayload[] = [];
  for (const repository of payload.repositories_added) {
    if (await recorded(repository.id, false)) added.push(repository);
  }
  const tracked = await track(deps, installationId, added);
  await purgeRemoved(deps.store, installationId, tracked);
  await backfill(deps, installationId, tracked);
}
