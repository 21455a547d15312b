import { z } from "zod";
import type { CompletionTarget } from "../records/types.js";

/** Actions after which GitHub may list other commits, files or checks for an open PR. */
const CHANGING_ACTIONS = new Set(["opened", "reopened", "synchronize", "ready_for_review"]);

const id = z.number().int();
const repoScope = {
  installation: z.looseObject({ id }),
  repository: z.looseObject({ id, full_name: z.string() }),
};
// Only the fields the decision reads, so raw and already-validated payloads parse alike. An `edited`
// delivery says what changed: only a new base changes the PR's commits and files.
const pullRequestSchema = z.looseObject({
  ...repoScope,
  pull_request: z.looseObject({ number: id, state: z.string() }),
  changes: z.looseObject({ base: z.unknown().optional() }).optional(),
});
const pushSchema = z.looseObject({
  ...repoScope,
  ref: z.string(),
  forced: z.boolean().optional(),
  deleted: z.boolean().optional(),
});

/**
 * Whether a delivery leaves an open PR's stored lists stale, and which PR (or head branch) to complete.
 * Pure, so the webhook handlers and an inbox processor decide alike; a payload that does not parse
 * needs nothing. A forced push counts even though GitHub also sends `synchronize`: the coalescing
 * completion makes the pair cost one fetch.
 */
export function needsCompletion(
  event: string,
  action: string | undefined,
  payload: unknown,
): CompletionTarget | null {
  if (event === "pull_request") {
    const parsed = pullRequestSchema.safeParse(payload);
    if (!parsed.success || parsed.data.pull_request.state !== "open") return null;
    const changed = action !== undefined && CHANGING_ACTIONS.has(action);
    const rebased = action === "edited" && parsed.data.changes?.base !== undefined;
    if (!changed && !rebased) return null;
    const { installation, repository, pull_request: pr } = parsed.data;
    return {
      installationId: installation.id,
      repoId: repository.id,
      repo: repository.full_name,
      number: pr.number,
    };
  }
  if (event === "push") {
    const parsed = pushSchema.safeParse(payload);
    if (!parsed.success) return null;
    const { forced, deleted, ref, installation, repository } = parsed.data;
    if (!forced || deleted || !ref.startsWith("refs/heads/")) return null;
    return {
      installationId: installation.id,
      repoId: repository.id,
      repo: repository.full_name,
      headRef: ref.slice("refs/heads/".length),
    };
  }
  return null;
}
