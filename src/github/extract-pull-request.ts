import type {
  Actor,
  ChangedFileRecord,
  CheckRunRecord,
  CommentRecord,
  CommitRecord,
  DraftHistory,
  PullRequestRecord,
  ReviewRecord,
} from "../records/types.js";
import { boundFields } from "../records/bounded-text.js";
import { restLoginOfGraphqlActor } from "../metrics/accounts.js";
import type { Page, PullRequestNode } from "./schemas/pull-request-node.js";

/** Everything the sync engine stores for one pull request. */
export interface FetchedPullRequest {
  pr: PullRequestRecord;
  draft: DraftHistory;
  reviews: ReviewRecord[];
  commits: CommitRecord[];
  files: ChangedFileRecord[];
  checkRuns: CheckRunRecord[];
  comments: CommentRecord[];
  /** Why a list may be short (GitHub's caps, a list that could not be finished): the PR's `dataNotes`. */
  notes: string[];
}

export interface RepositoryContext {
  installationId: number;
  repoId: number;
  /** `owner/name`. */
  repo: string;
}

/** GitHub's own caps on a pull request's lists (REST and GraphQL alike). */
export const COMMITS_CAP = 250;
export const FILES_CAP = 3000;

const count = (value: number) => value.toLocaleString("en-US");
const present = <T>(nodes: (T | null)[] | undefined): T[] =>
  (nodes ?? []).filter((node): node is T => node !== null);

/** GraphQL's Bot login lacks the `[bot]` suffix that REST and webhooks use; records use the REST form. */
export function actor(author: PullRequestNode["author"]): Actor {
  if (!author) return { login: "ghost", id: null, type: null };
  const account = { login: author.login, id: author.databaseId ?? null, type: author.__typename };
  return { ...account, login: restLoginOfGraphqlActor(account) };
}

/** REST's file `status` words, which webhooks and the metrics use. */
const FILE_STATUS: Record<string, string> = {
  ADDED: "added",
  DELETED: "removed",
  MODIFIED: "modified",
  RENAMED: "renamed",
  COPIED: "copied",
  CHANGED: "changed",
};

/** Turns one complete pull request node (see completePullRequest) into records. Pure. */
export function extractPullRequest(node: PullRequestNode, context: RepositoryContext): FetchedPullRequest {
  const { installationId, repoId } = context;
  const prNumber = node.number;
  const head = node.headCommit.nodes[0]?.commit ?? null;
  // Cut at extract time, like the webhook's extract: what is stored is bounded whatever the source.
  const pr: PullRequestRecord = boundFields(
    {
      ...context,
      prId: node.fullDatabaseId,
      number: prNumber,
      nodeId: node.id,
      title: node.title,
      body: node.body,
      author: actor(node.author),
      state: node.state === "MERGED" ? "merged" : node.state === "CLOSED" ? "closed" : "open",
      draft: node.isDraft,
      createdAt: node.createdAt,
      updatedAt: node.updatedAt,
      closedAt: node.closedAt,
      mergedAt: node.mergedAt,
      headRef: node.headRefName,
      headSha: node.headRefOid,
      baseRef: node.baseRefName,
      mergeCommitSha: node.mergeCommit?.oid ?? null,
      labels: present(node.labels?.nodes).map((label) => label.name),
      milestone: node.milestone?.title ?? null,
      assignees: present(node.assignees.nodes).map((user) => user.login),
      linkedIssues: present(node.closingIssuesReferences?.nodes).map(
        (issue) => `${issue.repository.nameWithOwner}#${issue.number}`,
      ),
      additions: node.additions,
      deletions: node.deletions,
      changedFiles: node.changedFiles,
    },
    ["title", "body", "headRef", "baseRef"],
  );
  const commentOf =
    (kind: CommentRecord["kind"]) =>
    (comment: NonNullable<PullRequestNode["comments"]["nodes"][number]>): CommentRecord => ({
      installationId,
      repoId,
      prNumber,
      kind,
      commentId: comment.fullDatabaseId,
      author: actor(comment.author),
      createdAt: comment.createdAt,
      updatedAt: comment.updatedAt,
    });
  const suites = present(head?.checkSuites?.nodes);
  return {
    pr,
    draft: draftHistory(node),
    reviews: present(node.reviews?.nodes).map((review) => ({
      installationId,
      repoId,
      prNumber,
      reviewId: review.fullDatabaseId,
      author: actor(review.author),
      state: review.state,
      submittedAt: review.submittedAt,
      commitId: review.commit?.oid ?? null,
    })),
    commits: present(node.commits.nodes).map(({ commit }) =>
      boundFields(
        {
          installationId,
          repoId,
          prNumber,
          sha: commit.oid,
          message: commit.message,
          authorName: commit.author?.name ?? null,
          authorEmail: commit.author?.email ?? null,
          authorLogin: commit.author?.user?.login ?? null,
          authoredAt: commit.authoredDate,
          committedAt: commit.committedDate,
        },
        ["message"],
      ),
    ),
    files: present(node.files?.nodes).map((file) => ({
      installationId,
      repoId,
      prNumber,
      filename: file.path,
      status: FILE_STATUS[file.changeType] ?? file.changeType.toLowerCase(),
      additions: file.additions,
      deletions: file.deletions,
    })),
    checkRuns: suites.flatMap((suite) =>
      present(suite.checkRuns?.nodes).flatMap((run) =>
        run.databaseId === null || !head
          ? []
          : [
              {
                installationId,
                repoId,
                checkRunId: run.databaseId,
                checkSuiteId: suite.databaseId,
                name: run.name,
                headSha: head.oid,
                // REST's and webhooks' lower-case words ("completed", "timed_out"), which the metrics use.
                status: run.status.toLowerCase(),
                conclusion: run.conclusion?.toLowerCase() ?? null,
                startedAt: run.startedAt,
                completedAt: run.completedAt,
                appSlug: suite.app?.slug ?? null,
                prNumbers: [prNumber],
              },
            ],
      ),
    ),
    comments: [
      ...present(node.comments.nodes).map(commentOf("issue")),
      ...present(node.reviewThreads.nodes).flatMap((thread) =>
        present(thread.comments.nodes).map(commentOf("review")),
      ),
    ],
    notes: notes(node),
  };
}

/**
 * METRICS.md's `readyAt` inputs. The timeline's draft events alternate, so the first one tells how the PR
 * was opened: a ready event means it was a draft; a convert event means it was not; none means it still
 * is what it was opened as.
 */
function draftHistory(node: PullRequestNode): DraftHistory {
  const events = present(node.timelineItems.nodes);
  const first = events[0];
  const ready = events.find((event) => event.__typename === "ReadyForReviewEvent");
  return {
    openedAsDraft: first ? first.__typename === "ReadyForReviewEvent" : node.isDraft,
    firstReadyForReviewAt: ready?.createdAt ?? null,
  };
}

function notes(node: PullRequestNode): string[] {
  const found: string[] = [];
  const commits = present(node.commits.nodes).length;
  if (node.commits.totalCount > commits) {
    found.push(
      commits >= COMMITS_CAP
        ? `commits: GitHub lists at most ${COMMITS_CAP} (this pull request has ${count(node.commits.totalCount)})`
        : `commits: ${commits} of ${node.commits.totalCount} fetched`,
    );
  }
  const files = present(node.files?.nodes).length;
  if (node.changedFiles > files) {
    found.push(
      files >= FILES_CAP
        ? `files: GitHub lists at most ${count(FILES_CAP)} (this pull request changes ${count(node.changedFiles)})`
        : `files: ${files} of ${node.changedFiles} fetched`,
    );
  }
  const cut = (list: string, kept: number, total: number | undefined) => {
    if (total !== undefined && total > kept) found.push(`${list}: first ${kept} of ${total} kept`);
  };
  cut("labels", present(node.labels?.nodes).length, node.labels?.totalCount);
  cut("assignees", present(node.assignees.nodes).length, node.assignees.totalCount);
  cut(
    "linked issues",
    present(node.closingIssuesReferences?.nodes).length,
    node.closingIssuesReferences?.totalCount,
  );
  const head = node.headCommit.nodes[0]?.commit;
  const unfinished: [string, Page<unknown> | null | undefined][] = [
    ["reviews", node.reviews],
    ["conversation comments", node.comments],
    ["review threads", node.reviewThreads],
    ...present(node.reviewThreads.nodes).map((thread): [string, Page<unknown>] => [
      "review comments",
      thread.comments,
    ]),
    ["check suites", head?.checkSuites],
    ...present(head?.checkSuites?.nodes).map((suite): [string, Page<unknown> | null] => [
      "check runs",
      suite.checkRuns,
    ]),
  ];
  for (const [list, page] of unfinished) {
    const note = `${list}: incomplete, GitHub stopped paging`;
    if (page?.pageInfo.hasNextPage && !found.includes(note)) found.push(note);
  }
  return found;
}
