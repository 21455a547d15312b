import fc from "fast-check";
import { createApiHandler } from "../../src/api/handler.js";
import { createToken } from "../../src/api/tokens.js";
import { useTestDatabase } from "../harness/database.js";
import { seedInstallation, seedPullRequests, seedRepository } from "../api/seed.js";
import { startServer } from "../api/server.js";
import { boundedRuns } from "./runs.js";

/**
 * Random query strings on every `/api/v1` endpoint, through a real HTTP server over the test database:
 * never a 5xx, always the API's JSON or CSV shape, each answered within the fuzz bound, and the stored
 * data unchanged afterwards.
 */
const db = useTestDatabase();
let server: Awaited<ReturnType<typeof startServer>>;
let token: string;

const ENDPOINTS = [
  "/api/v1/pulls",
  "/api/v1/pulls/acme/widgets/1",
  "/api/v1/metrics",
  "/api/v1/dora",
  "/api/v1/sync",
];
const NAMES = [
  "repo",
  "state",
  "since",
  "until",
  "author",
  "limit",
  "cursor",
  "format",
  "groupBy",
  "__proto__",
  "constructor",
  "prototype",
  "repo[$ne]",
  "$where",
  "toString",
  "hasOwnProperty",
];
const VALUES = [
  "acme/widgets",
  "globex/secret",
  "open",
  "merged",
  "week",
  "reviewer",
  "csv",
  "json",
  "xml",
  "2024-05-01",
  "2024-02-30",
  "0001-01-01",
  "9999-12-31T23:59:59Z",
  "-1",
  "0",
  "501",
  "1e3",
  '{"$ne":null}',
  "%00",
  "%zz",
  "=cmd|' /C calc'!A0",
  "a".repeat(5_000),
];

const encoded = (text: string) => encodeURIComponent(text);
const pair = fc.tuple(
  fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 20 })),
  fc.oneof(
    fc.constantFrom(...VALUES),
    fc.string({ maxLength: 50 }),
    fc.string({ maxLength: 20, unit: "binary" }),
  ),
  fc.boolean(),
);
/** Well-formed `name=value` pairs (encoded or raw), or any bytes after the `?`. */
const queryString = fc.oneof(
  fc
    .array(pair, { maxLength: 6 })
    .map((pairs) =>
      pairs
        .map(([name, value, raw]) => (raw ? `${name}=${value}` : `${encoded(name)}=${encoded(value)}`))
        .join("&"),
    ),
  fc.string({ maxLength: 200 }).map((text) => text.replace(/[#\s]/g, "")),
);

async function storedState() {
  const store = db.store();
  return {
    pullRequests: await store.pullRequests.find({}, { _id: 0, __v: 0 }).sort({ number: 1 }).lean(),
    repositories: await store.repositories.countDocuments(),
    tokens: await store.apiTokens.countDocuments(),
  };
}

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 1, "acme");
  await seedRepository(store, 1, 11, "acme/widgets");
  await seedPullRequests(
    store,
    [1, 2, 3].map((number) => ({ installationId: 1, repoId: 11, repo: "acme/widgets", number })),
  );
  token = (await createToken(store, { installationId: 1 })).token;
  // No rate limit here: the fuzzer asks hundreds of times a minute on one token.
  server = await startServer(createApiHandler({ store, rateLimitPerMinute: 0 }));
});
afterAll(() => server.close());

it("answers every random query string on every endpoint in bounded time without a 5xx, changing no data", async () => {
  const before = await storedState();
  const statuses = new Set<number>();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...ENDPOINTS), queryString, async (endpoint, query) => {
      const response = await fetch(`${server.url}${endpoint}?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = await response.text();
      statuses.add(response.status);
      expect(response.status).toBeLessThan(500);
      if (response.headers.get("content-type")?.startsWith("application/json")) {
        const parsed: unknown = JSON.parse(body);
        if (response.status >= 400) expect(parsed).toMatchObject({ error: { code: expect.any(String) } });
      }
    }),
    boundedRuns(200),
  );
  // Both kinds of answer were reached: the inputs are not all refused (nor all accepted).
  expect(statuses).toContain(200);
  expect(statuses).toContain(400);
  expect(await storedState()).toEqual(before);
}, 120_000);
