import type { Store } from "../storage/store.js";
import { ANY_CASE } from "../storage/models/any-case.js";
import { NotFoundError } from "./errors.js";

export interface RepositoryRef {
  installationId: number;
  /** `owner/name` as stored (GitHub's spelling). */
  repo: string;
  repoId: number;
}

/**
 * Where `owner/name` (any case) is known: listed by an installation, or having stored PRs (a webhook
 * may arrive before the installation's repository list). `installationId` undefined searches them all.
 * Both reads are equalities on an index: the repositories' any-case name index, then the PRs' exact name.
 */
async function findRepositories(
  store: Store,
  fullName: string,
  installationId: number | undefined,
): Promise<RepositoryRef[]> {
  const scope = installationId === undefined ? {} : { installationId };
  const listed = await store.repositories
    .find({ ...scope, fullName }, { installationId: 1, fullName: 1, repoId: 1 })
    .collation(ANY_CASE)
    .lean();
  if (listed.length > 0)
    return listed.map((r) => ({ installationId: r.installationId, repo: r.fullName, repoId: r.repoId }));
  if (installationId === undefined) return [];
  const stored = await store.pullRequests
    .findOne({ installationId, repo: fullName }, { installationId: 1, repo: 1, repoId: 1 })
    .lean();
  return stored ? [{ installationId: stored.installationId, repo: stored.repo, repoId: stored.repoId }] : [];
}

/** A repository of this installation, or NotFoundError: one of another installation is just as unknown. */
export async function resolveRepository(
  store: Store,
  installationId: number,
  fullName: string,
): Promise<RepositoryRef> {
  const [found] = await findRepositories(store, fullName, installationId);
  if (!found) throw new NotFoundError(`repository ${fullName} not found`);
  return found;
}

/** For the CLI, which has no token: the one installation that holds `owner/name`. */
export async function findRepositoryInstallation(store: Store, fullName: string): Promise<RepositoryRef> {
  const found = await findRepositories(store, fullName, undefined);
  if (found.length === 0) throw new NotFoundError(`repository ${fullName} not found`);
  const installations = [...new Set(found.map((ref) => ref.installationId))];
  if (installations.length > 1) {
    throw new Error(`repository ${fullName} belongs to several installations: ${installations.join(", ")}`);
  }
  return found[0];
}
