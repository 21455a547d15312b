import { createApiHandler } from "../../src/api/handler.js";
import { createToken } from "../../src/api/tokens.js";
import { useTestDatabase } from "../harness/database.js";
import { seedInstallation } from "./seed.js";
import { startServer } from "./server.js";

const db = useTestDatabase();
const LIMIT = 3;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  await seedInstallation(db.store(), 1, "acme");
  server = await startServer(createApiHandler({ store: db.store(), rateLimitPerMinute: LIMIT }));
});
afterAll(() => server.close());

const get = (token: string, path = "/api/v1/sync") =>
  fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });

describe("the per-token rate limit", () => {
  it("answers 429 with retry-after past the budget, for that token only", async () => {
    const busy = (await createToken(db.store(), { installationId: 1 })).token;
    const calm = (await createToken(db.store(), { installationId: 1 })).token;
    for (let i = 0; i < LIMIT; i += 1) expect((await get(busy)).status).toBe(200);

    const refused = await get(busy, "/api/v1/pulls");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });

    expect((await get(calm)).status).toBe(200);
  });

  it("answers a bad token 401, not 429, however often it is tried", async () => {
    for (let i = 0; i < LIMIT + 2; i += 1) expect((await get("mlk_not-a-token")).status).toBe(401);
  });
});
