import { boundFields } from "../../records/bounded-text.js";
import type { PullRequestRecord, PullRequestState } from "../../records/types.js";
import type { PullRequestEvent } from "../schemas/pull-request.js";
import { toActor } from "./actor.js";
import { parseLinkedIssues } from "./linked-issues.js";

type PullRequestPayload = PullRequestEvent["pull_request"];

export function pullRequestState(pr: PullRequestPayload): PullRequestState {
  if (pr.merged_at || pr.merged) return "merged";
  return pr.state === "closed" ? "closed" : "open";
}

export function extractPullRequest(payload: PullRequestEvent): PullRequestRecord {
  const pr = payload.pull_request;
  const repo = payload.repository.full_name;
  const body = pr.body ?? "";
  // Linked issues are read from the whole body; only what is stored is cut.
  return boundFields(
    {
      installationId: payload.installation.id,
      repoId: payload.repository.id,
      repo,
      prId: pr.id,
      number: pr.number,
      nodeId: pr.node_id ?? null,
      title: pr.title,
      body,
      author: toActor(pr.user),
      state: pullRequestState(pr),
      draft: pr.draft ?? false,
      createdAt: pr.created_at,
      updatedAt: pr.updated_at,
      closedAt: pr.closed_at,
      mergedAt: pr.merged_at,
      headRef: pr.head.ref,
      headSha: pr.head.sha,
      baseRef: pr.base.ref,
      mergeCommitSha: pr.merge_commit_sha,
      labels: pr.labels.map((label) => label.name),
      milestone: pr.milestone?.title ?? null,
      assignees: pr.assignees.map((assignee) => assignee.login),
      linkedIssues: parseLinkedIssues(body, repo),
      additions: pr.additions ?? null,
      deletions: pr.deletions ?? null,
      changedFiles: pr.changed_files ?? null,
    },
    ["title", "body", "headRef", "baseRef"],
  );
}
