import type { SimulatedOrg } from "../generate-org.js";
import { iso, nodeId } from "../ids.js";
import type {
  Account,
  CommitModel,
  FileModel,
  IssueCommentModel,
  PullModel,
  RepoModel,
  ReviewCommentModel,
  ReviewModel,
} from "../model.js";
import { commitEmail } from "../people.js";
import { labelJson, repoJson, userJson, type Urls } from "./serialize-common.js";

/** REST shapes of a PR and its lists, with GitHub's field names. */
export interface PullScope {
  org: SimulatedOrg;
  repo: RepoModel;
  urls: Urls;
}

const association = (account: Account) => (account.type === "User" ? "MEMBER" : "NONE");
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function pullJson({ org, repo, urls }: PullScope, pull: PullModel, full: boolean) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const html = `${urls.web}/${repo.fullName}/pull/${pull.number}`;
  const repoShape = repoJson(org, repo, urls);
  const ref = (name: string, commit: string) => ({
    label: `${org.login}:${name}`,
    ref: name,
    sha: commit,
    user: repoShape.owner,
    repo: repoShape,
  });
  const list = {
    url: `${api}/pulls/${pull.number}`,
    id: pull.id,
    node_id: nodeId("PR", repo.index, pull.number),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    number: pull.number,
    state: pull.closedAt === null ? "open" : "closed",
    locked: false,
    title: pull.title,
    user: userJson(pull.author, urls),
    body: pull.body,
    created_at: iso(pull.createdAt),
    updated_at: iso(pull.updatedAt),
    closed_at: isoOrNull(pull.closedAt),
    merged_at: isoOrNull(pull.mergedAt),
    merge_commit_sha: pull.mergeCommitSha,
    assignee: pull.assignees[0] ? userJson(pull.assignees[0], urls) : null,
    assignees: pull.assignees.map((a) => userJson(a, urls)),
    requested_reviewers: pull.closedAt === null ? pull.reviewers.map((a) => userJson(a, urls)) : [],
    requested_teams: [],
    labels: pull.labels.map((name) => labelJson(name, repo, urls)),
    milestone:
      pull.milestone === null
        ? null
        : { title: pull.milestone, number: pull.milestone === "v2.0" ? 1 : 2, state: "open" },
    draft: pull.draft,
    commits_url: `${api}/pulls/${pull.number}/commits`,
    review_comments_url: `${api}/pulls/${pull.number}/comments`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`,
    head: ref(pull.headRef, pull.headSha),
    base: ref(pull.baseRef, pull.baseSha),
    author_association: association(pull.author),
    auto_merge: null,
    active_lock_reason: null,
  };
  if (!full) return list;
  return {
    ...list,
    merged: pull.mergedAt !== null,
    mergeable: pull.closedAt === null ? true : null,
    rebaseable: pull.closedAt === null ? true : null,
    mergeable_state: pull.closedAt === null ? "clean" : "unknown",
    merged_by: pull.mergedBy ? userJson(pull.mergedBy, urls) : null,
    comments: pull.comments,
    review_comments: pull.reviewComments,
    maintainer_can_modify: false,
    commits: pull.commits,
    additions: pull.additions,
    deletions: pull.deletions,
    changed_files: pull.files,
  };
}

export function commitJson({ repo, urls }: PullScope, commit: CommitModel) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const person = (at: number) => ({
    name: commit.author.name,
    email: commitEmail(commit.author),
    date: iso(at),
  });
  return {
    sha: commit.sha,
    node_id: nodeId("C", repo.index, commit.sha),
    commit: {
      author: person(commit.authoredAt),
      committer: person(commit.committedAt),
      message: commit.message,
      tree: { sha: commit.sha.split("").reverse().join(""), url: `${api}/git/trees/${commit.sha}` },
      url: `${api}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: { verified: false, reason: "unsigned", signature: null, payload: null },
    },
    url: `${api}/commits/${commit.sha}`,
    html_url: `${urls.web}/${repo.fullName}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    author: userJson(commit.author, urls),
    committer: userJson(commit.author, urls),
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}` })),
  };
}

export function fileJson({ repo, urls }: PullScope, file: FileModel, headSha: string) {
  const blob = `${urls.web}/${repo.fullName}/blob/${headSha}/${file.filename}`;
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: blob,
    raw_url: blob.replace("/blob/", "/raw/"),
    contents_url: `${urls.api}/repos/${repo.fullName}/contents/${file.filename}?ref=${headSha}`,
    patch: `@@ -1,${file.deletions} +1,${file.additions} @@`,
    ...(file.previousFilename ? { previous_filename: file.previousFilename } : {}),
  };
}

export function reviewJson({ repo, urls }: PullScope, pull: PullModel, review: ReviewModel) {
  const html = `${urls.web}/${repo.fullName}/pull/${pull.number}#pullrequestreview-${review.id}`;
  return {
    id: review.id,
    node_id: nodeId("PRR", repo.index, pull.number, review.id),
    user: userJson(review.author, urls),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: `${urls.api}/repos/${repo.fullName}/pulls/${pull.number}`,
    author_association: association(review.author),
    submitted_at: iso(review.submittedAt),
    commit_id: review.commitSha,
  };
}

export function reviewCommentJson({ repo, urls }: PullScope, pull: PullModel, comment: ReviewCommentModel) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  return {
    url: `${api}/pulls/comments/${comment.id}`,
    pull_request_review_id: comment.reviewId,
    id: comment.id,
    node_id: nodeId("PRRC", comment.id),
    diff_hunk: `@@ -${comment.line},3 +${comment.line},4 @@`,
    path: comment.path,
    commit_id: comment.commitSha,
    original_commit_id: comment.commitSha,
    user: userJson(comment.author, urls),
    body: comment.body,
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
    html_url: `${urls.web}/${repo.fullName}/pull/${pull.number}#discussion_r${comment.id}`,
    pull_request_url: `${api}/pulls/${pull.number}`,
    author_association: association(comment.author),
    line: comment.line,
    original_line: comment.line,
    side: "RIGHT",
    subject_type: "line",
    ...(comment.inReplyTo === null ? {} : { in_reply_to_id: comment.inReplyTo }),
  };
}

export function issueCommentJson({ repo, urls }: PullScope, pull: PullModel, comment: IssueCommentModel) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  return {
    id: comment.id,
    node_id: nodeId("IC", comment.id),
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${urls.web}/${repo.fullName}/pull/${pull.number}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userJson(comment.author, urls),
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
    issue_url: `${api}/issues/${pull.number}`,
    author_association: association(comment.author),
  };
}
