import fc from "fast-check";
import { z } from "zod";
import { extractCheckRun, extractCheckSuite } from "../../src/webhooks/extract/checks.js";
import { extractComment } from "../../src/webhooks/extract/comment.js";
import { extractDeployment, extractDeploymentStatus } from "../../src/webhooks/extract/deployment.js";
import { extractInstallation, extractRepository } from "../../src/webhooks/extract/installation.js";
import { extractPullRequest } from "../../src/webhooks/extract/pull-request.js";
import { extractReview } from "../../src/webhooks/extract/review.js";
import { checkRunEventSchema, checkSuiteEventSchema } from "../../src/webhooks/schemas/checks.js";
import { issueCommentEventSchema, reviewCommentEventSchema } from "../../src/webhooks/schemas/comment.js";
import { deploymentEventSchema, deploymentStatusEventSchema } from "../../src/webhooks/schemas/deployment.js";
import {
  installationEventSchema,
  installationRepositoriesEventSchema,
} from "../../src/webhooks/schemas/installation.js";
import { pullRequestEventSchema } from "../../src/webhooks/schemas/pull-request.js";
import { pushEventSchema } from "../../src/webhooks/schemas/push.js";
import { reviewEventSchema } from "../../src/webhooks/schemas/review.js";
import { example, type Payload } from "../webhooks/helpers/fixtures.js";
import { fuzzRuns, withinBound } from "./runs.js";

/**
 * GitHub's real example payloads, mutated (a value replaced by anything, or removed), through each
 * webhook schema and the extract function behind it: the outcome is a typed validation error or
 * records, never a throw of anything else, each input within the fuzz bound (the HTTP route itself is
 * fuzzed elsewhere).
 */
interface Case {
  event: string;
  action?: string;
  schema: z.ZodType;
  extract: (parsed: never) => unknown;
}

const cases: Case[] = [
  { event: "pull_request", action: "opened", schema: pullRequestEventSchema, extract: extractPullRequest },
  { event: "pull_request", action: "closed", schema: pullRequestEventSchema, extract: extractPullRequest },
  { event: "pull_request_review", action: "submitted", schema: reviewEventSchema, extract: extractReview },
  { event: "check_run", action: "completed", schema: checkRunEventSchema, extract: extractCheckRun },
  { event: "check_suite", action: "completed", schema: checkSuiteEventSchema, extract: extractCheckSuite },
  { event: "deployment", action: "created", schema: deploymentEventSchema, extract: extractDeployment },
  {
    event: "deployment_status",
    action: "created",
    schema: deploymentStatusEventSchema,
    extract: extractDeploymentStatus,
  },
  {
    event: "installation",
    action: "created",
    schema: installationEventSchema,
    extract: (parsed: z.output<typeof installationEventSchema>) => [
      extractInstallation(parsed.installation),
      ...(parsed.repositories ?? []).map((repo) => extractRepository(parsed.installation.id, repo)),
    ],
  },
  {
    event: "installation_repositories",
    action: "added",
    schema: installationRepositoriesEventSchema,
    extract: (parsed: z.output<typeof installationRepositoriesEventSchema>) =>
      parsed.repositories_added.map((repo) => extractRepository(parsed.installation.id, repo)),
  },
  {
    event: "issue_comment",
    action: "created",
    schema: issueCommentEventSchema,
    extract: (parsed: z.output<typeof issueCommentEventSchema>) =>
      extractComment(parsed, "issue", parsed.issue.number),
  },
  {
    event: "pull_request_review_comment",
    action: "created",
    schema: reviewCommentEventSchema,
    extract: (parsed: z.output<typeof reviewCommentEventSchema>) =>
      extractComment(parsed, "review", parsed.pull_request.number),
  },
  {
    event: "push",
    schema: pushEventSchema,
    extract: (parsed: z.output<typeof pushEventSchema>) => parsed.commits,
  },
];

/** Every path to a value in the payload (objects and arrays included), e.g. `pull_request.user.id`. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((key) => pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key])),
  ];
}

type Mutation = { path: (string | number)[]; remove: boolean; value: unknown };

function mutate(payload: Payload, mutations: Mutation[]): unknown {
  let root: unknown = structuredClone(payload);
  for (const { path, remove, value } of mutations) {
    if (path.length === 0) {
      root = value;
      continue;
    }
    let parent: unknown = root;
    for (const key of path.slice(0, -1)) {
      parent =
        parent !== null && typeof parent === "object" ? (parent as Record<string, unknown>)[key] : undefined;
    }
    if (parent === null || typeof parent !== "object") continue;
    const last = path[path.length - 1];
    if (remove) delete (parent as Record<string | number, unknown>)[last];
    else (parent as Record<string | number, unknown>)[last] = value;
  }
  return root;
}

/** Values GitHub never sends where we read them, plus a very long string (a 5 MB-title-like input). */
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(null, "", -1, 0, 2 ** 53, Number.NaN, "2024-13-45T99:99:99Z", "__proto__", {
    __proto__: null,
  }),
  fc.string({ minLength: 10_000, maxLength: 20_000 }),
);

describe.each(cases)("fuzzing $event.$action", ({ event, action, schema, extract }) => {
  const original = example(event, action);
  const paths = pathsOf(original);
  const mutation = fc.record({ path: fc.constantFrom(...paths), remove: fc.boolean(), value: hostileValue });

  it("gives a typed validation error or records in bounded time, never another throw", () => {
    fc.assert(
      fc.property(
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        withinBound((mutations) => {
          const parsed = schema.safeParse(mutate(original, mutations));
          if (!parsed.success) {
            expect(parsed.error).toBeInstanceOf(z.ZodError);
            return;
          }
          expect(extract(parsed.data as never)).toBeDefined();
        }),
      ),
      { numRuns: fuzzRuns(150) },
    );
  });

  it("still reads the unmutated example (the property is not vacuous)", () => {
    const parsed = schema.safeParse(original);
    expect(parsed.success).toBe(true);
  });
});
