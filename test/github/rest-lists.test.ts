import nock from "nock";
import { listFailedDeliveries } from "../../src/github/list-failed-deliveries.js";
import { listInstallationRepositories } from "../../src/github/list-installation-repositories.js";
import { redeliver } from "../../src/github/redeliver.js";
import { API, createTestApp, createTestClient, fixture } from "./helpers/app.js";

const repository = fixture("installation-repository.json");
const delivery = fixture("hook-delivery.json");

describe("listInstallationRepositories", () => {
  test("follows GitHub's Link header past 100 repositories", async () => {
    const client = await createTestClient();
    const repos = Array.from({ length: 101 }, (_, i) => ({
      ...repository,
      id: i + 1,
      full_name: `octocat/repo-${i + 1}`,
    }));
    nock(API)
      .get("/installation/repositories")
      .query({ per_page: 100 })
      .reply(
        200,
        { total_count: 101, repositories: repos.slice(0, 100) },
        {
          link: `<${API}/installation/repositories?per_page=100&page=2>; rel="next", <${API}/installation/repositories?per_page=100&page=2>; rel="last"`,
        },
      );
    nock(API)
      .get("/installation/repositories")
      .query({ per_page: 100, page: 2 })
      .reply(200, { total_count: 101, repositories: repos.slice(100) });

    const listed = await listInstallationRepositories(client);

    expect(listed).toHaveLength(101);
    expect(listed[100]).toEqual({
      installationId: 1,
      repoId: 101,
      fullName: "octocat/repo-101",
      private: false,
    });
  });
});

describe("failed webhook deliveries", () => {
  const at = (hours: number) => new Date(Date.UTC(2024, 5, 3, hours)).toISOString();
  const attempt = (id: number, guid: string, hours: number, changes: object = {}) => ({
    ...delivery,
    id,
    guid,
    delivered_at: at(hours),
    ...changes,
  });
  const failed = { status: "Invalid HTTP Response: 503", status_code: 503 };

  test("lists each failed delivery once, skipping those redelivered or delivered since, across cursor pages", async () => {
    const octokit = await createTestApp().auth();
    // Newest first, as GitHub lists them; the second page reaches past `since`.
    nock(API)
      .get("/app/hook/deliveries")
      .query({ per_page: 100 })
      .reply(
        200,
        [
          attempt(6, "ok-on-retry", 11, { redelivery: true }),
          attempt(5, "timed-out", 10, { status: "timed out", status_code: 0 }),
          attempt(4, "never-retried", 9, failed),
          attempt(3, "ok-on-retry", 8, failed),
        ],
        { link: `<${API}/app/hook/deliveries?per_page=100&cursor=v1_3>; rel="next"` },
      );
    nock(API)
      .get("/app/hook/deliveries")
      .query({ per_page: 100, cursor: "v1_3" })
      .reply(200, [attempt(2, "fine", 7), attempt(1, "too-old", 1, failed)], {
        link: `<${API}/app/hook/deliveries?per_page=100&cursor=v1_1>; rel="next"`,
      });

    const deliveries = await listFailedDeliveries(octokit, new Date(at(6)));

    expect(deliveries.map(({ deliveryId, guid, statusCode }) => [deliveryId, guid, statusCode])).toEqual([
      [5, "timed-out", 0],
      [4, "never-retried", 503],
    ]);
    expect(deliveries[1]).toMatchObject({
      event: "issues",
      action: "opened",
      installationId: 123,
      repositoryId: 456,
    });
  });

  test("redeliver asks GitHub for a new attempt", async () => {
    const octokit = await createTestApp().auth();
    nock(API).post("/app/hook/deliveries/12345678/attempts").reply(202, {});

    await redeliver(octokit, 12345678);
  });
});
