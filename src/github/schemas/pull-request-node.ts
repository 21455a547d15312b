import { z } from "zod";

/**
 * The shapes of ../queries/fragments.ts, checked at the boundary (STACK.md: zod at every boundary) so a
 * change on GitHub's side, or a gap in the simulator, fails loudly with the field's path.
 */

const date = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
/** GraphQL `BigInt` arrives as a string; GitHub's ids still fit a double. */
const bigId = z.union([z.string(), z.number()]).transform(Number);

export const rateLimitSchema = z.object({
  cost: z.number(),
  limit: z.number(),
  remaining: z.number(),
  resetAt: z.string(),
});

export const pageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

/** A connection page; `nodes` entries may be null when the token may not see an item. */
const page = <T extends z.ZodType>(node: T) =>
  z.object({ pageInfo: pageInfoSchema, nodes: z.array(node.nullable()) });
const counted = <T extends z.ZodType>(node: T) => page(node).extend({ totalCount: z.number() });

export interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: (T | null)[];
  totalCount?: number;
}

export const actorSchema = z.object({
  __typename: z.string(),
  login: z.string(),
  databaseId: z.number().nullable().optional(),
});

export const reviewPageSchema = page(
  z.object({
    fullDatabaseId: bigId,
    state: z.enum(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"]),
    submittedAt: date.nullable(),
    author: actorSchema.nullable(),
    commit: z.object({ oid: z.string() }).nullable(),
  }),
);

export const commitPageSchema = counted(
  z.object({
    commit: z.object({
      oid: z.string(),
      message: z.string(),
      authoredDate: date.nullable(),
      committedDate: date.nullable(),
      author: z
        .object({
          name: z.string().nullable(),
          email: z.string().nullable(),
          user: z.object({ login: z.string() }).nullable(),
        })
        .nullable(),
    }),
  }),
);

export const filePageSchema = counted(
  z.object({ path: z.string(), changeType: z.string(), additions: z.number(), deletions: z.number() }),
);

const commentSchema = z.object({
  fullDatabaseId: bigId,
  createdAt: date,
  updatedAt: date,
  author: actorSchema.nullable(),
});
export const issueCommentPageSchema = page(commentSchema);
export const reviewCommentPageSchema = page(commentSchema);

export const reviewThreadPageSchema = page(z.object({ id: z.string(), comments: reviewCommentPageSchema }));

export const checkRunPageSchema = page(
  z.object({
    databaseId: z.number().nullable(),
    name: z.string(),
    status: z.string(),
    conclusion: z.string().nullable(),
    startedAt: date.nullable(),
    completedAt: date.nullable(),
  }),
);

export const checkSuitePageSchema = page(
  z.object({
    id: z.string(),
    databaseId: z.number().nullable(),
    app: z.object({ slug: z.string() }).nullable(),
    checkRuns: checkRunPageSchema.nullable(),
  }),
);

export const pullRequestNodeSchema = z.object({
  id: z.string(),
  fullDatabaseId: bigId,
  number: z.number(),
  title: z.string(),
  body: z.string(),
  state: z.enum(["OPEN", "CLOSED", "MERGED"]),
  isDraft: z.boolean(),
  createdAt: date,
  updatedAt: date,
  closedAt: date.nullable(),
  mergedAt: date.nullable(),
  headRefName: z.string(),
  headRefOid: z.string(),
  baseRefName: z.string(),
  mergeCommit: z.object({ oid: z.string() }).nullable(),
  additions: z.number(),
  deletions: z.number(),
  changedFiles: z.number(),
  author: actorSchema.nullable(),
  labels: z
    .object({ totalCount: z.number(), nodes: z.array(z.object({ name: z.string() }).nullable()) })
    .nullable(),
  assignees: z.object({ totalCount: z.number(), nodes: z.array(z.object({ login: z.string() }).nullable()) }),
  milestone: z.object({ title: z.string() }).nullable(),
  closingIssuesReferences: z
    .object({
      totalCount: z.number(),
      nodes: z.array(
        z.object({ number: z.number(), repository: z.object({ nameWithOwner: z.string() }) }).nullable(),
      ),
    })
    .nullable(),
  timelineItems: z.object({
    nodes: z.array(z.object({ __typename: z.string(), createdAt: date.optional() }).nullable()),
  }),
  reviews: reviewPageSchema.nullable(),
  commits: commitPageSchema,
  files: filePageSchema.nullable(),
  comments: issueCommentPageSchema,
  reviewThreads: reviewThreadPageSchema,
  headCommit: z.object({
    nodes: z.array(
      z
        .object({
          commit: z.object({ id: z.string(), oid: z.string(), checkSuites: checkSuitePageSchema.nullable() }),
        })
        .nullable(),
    ),
  }),
});

export type PullRequestNode = z.output<typeof pullRequestNodeSchema>;
