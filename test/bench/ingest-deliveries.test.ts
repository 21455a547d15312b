import type { ZodType } from "zod";
import { buildDeliveryPool } from "../../bench/delivery-pool.js";
import { deliveryRequest } from "../../bench/fire-deliveries.js";
import { INGEST_KINDS, type IngestKind } from "../../bench/ingest-payloads.js";
import { signBody } from "../../bench/webhook-signature.js";
import { generateOrg } from "../../src/simulator/generate-org.js";
import { checkRunEventSchema } from "../../src/webhooks/schemas/checks.js";
import { issueCommentEventSchema, reviewCommentEventSchema } from "../../src/webhooks/schemas/comment.js";
import { pullRequestEventSchema } from "../../src/webhooks/schemas/pull-request.js";
import { reviewEventSchema } from "../../src/webhooks/schemas/review.js";

const urls = { api: "http://127.0.0.1:9/api/v3", web: "http://127.0.0.1:9" };
const SECRET = "bench-secret";

/** The app's own schema for each kind: a body it would reject measures nothing. */
const SCHEMAS: Record<IngestKind, ZodType> = {
  "pull_request.edited": pullRequestEventSchema,
  "pull_request.synchronize": pullRequestEventSchema,
  "pull_request_review.submitted": reviewEventSchema,
  "pull_request_review_comment.created": reviewCommentEventSchema,
  "issue_comment.created": issueCommentEventSchema,
  "check_run.completed": checkRunEventSchema,
};

const org = generateOrg({
  seed: "bench-ingest-test",
  repos: 2,
  prsPerRepo: 12,
  days: 60,
  now: Date.UTC(2025, 5, 1),
});
const startAt = org.world.now + 1000;
const pool = buildDeliveryPool(org, urls, SECRET, { size: 120, startAt, stepMs: 1000 });
const parsed = pool.map((delivery) => ({
  delivery,
  payload: JSON.parse(delivery.body) as Record<string, unknown>,
}));

/** The PR's (or, for a conversation comment, its issue's) `updated_at`, where the kind carries one. */
function updatedAt(payload: Record<string, unknown>): number | undefined {
  const holder = (payload.pull_request ?? payload.issue) as { updated_at?: string } | undefined;
  return holder?.updated_at === undefined ? undefined : Date.parse(holder.updated_at);
}

describe("the ingest burst's deliveries", () => {
  it("signs a body as GitHub does (GitHub's documented example)", () => {
    expect(signBody("Hello, World!", "It's a Secret to Everybody")).toBe(
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
  });

  it("builds the size asked for, every kind, each signed over its exact body", () => {
    expect(pool).toHaveLength(120);
    expect(new Set(pool.map((delivery) => delivery.kind))).toEqual(new Set(INGEST_KINDS));
    for (const delivery of pool) {
      expect(delivery.signature).toBe(signBody(delivery.body, SECRET));
      expect(delivery.event).toBe(delivery.kind.split(".")[0]);
    }
    expect(new Set(pool.map((delivery) => delivery.body)).size).toBe(pool.length);
  });

  it("sends payloads the app's own webhook schemas accept, for the simulated installation and repos", () => {
    const repoIds = new Set(org.repos.map((repo) => repo.id));
    for (const { delivery, payload } of parsed) {
      const result = SCHEMAS[delivery.kind].safeParse(payload);
      expect(result.error?.issues ?? []).toEqual([]);
      expect(payload.action).toBe(delivery.kind.split(".")[1]);
      expect(payload.installation).toMatchObject({ id: org.installationId });
      expect(repoIds.has((payload.repository as { id: number }).id)).toBe(true);
    }
  });

  it("carries the simulated PRs' own data in webhook spelling", () => {
    const review = parsed.find(({ delivery }) => delivery.kind === "pull_request_review.submitted");
    const pr = review?.payload.pull_request as { number: number; head: { sha: string } };
    const repo = review?.payload.repository as { name: string };
    expect(pr.head.sha).toBe(org.pull(repo.name, pr.number)?.headSha);
    // Webhooks spell review states in lower case.
    expect((review?.payload.review as { state: string }).state).toMatch(/^[a-z_]+$/);
    const comment = parsed.find(({ delivery }) => delivery.kind === "issue_comment.created")?.payload;
    expect((comment?.issue as { pull_request?: unknown }).pull_request).toBeDefined();
    const push = parsed.find(({ delivery }) => delivery.kind === "pull_request.synchronize")?.payload;
    expect((push?.pull_request as { state: string }).state).toBe("open");
  });

  it("dates later deliveries later, so each is newer than the ones before it", () => {
    const times = parsed.map(({ payload }) => updatedAt(payload)).filter((time) => time !== undefined);
    expect(times.length).toBeGreaterThan(pool.length / 2);
    expect(times[0]).toBeGreaterThanOrEqual(startAt - 1000);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
  });

  it("refuses an organisation that cannot fill the pool", () => {
    const empty = generateOrg({ seed: "empty", repos: 1, prsPerRepo: 0 });
    expect(() => buildDeliveryPool(empty, urls, SECRET, { size: 5, startAt, stepMs: 1000 })).toThrow(
      /no PRs/,
    );
  });

  it("sends each pooled body with its signature and the delivery id given", () => {
    const request = deliveryRequest(pool[0], "3f1c-id");
    expect(request).toEqual({
      method: "POST",
      path: "/api/github/webhooks",
      headers: expect.objectContaining({
        "x-github-delivery": "3f1c-id",
        "x-github-event": pool[0].event,
        "x-hub-signature-256": pool[0].signature,
      }),
      body: pool[0].body,
    });
  });
});
