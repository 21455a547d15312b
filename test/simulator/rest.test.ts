import { startSimulator, type Simulator } from "../../src/simulator/server.js";
import { APP_JWT, installationToken, rest } from "./client.js";

type Row = Record<string, unknown>;

function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(", ")) {
    const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
    if (match) out[match[2]] = match[1];
  }
  return out;
}

describe("the simulator's REST API", () => {
  let sim: Simulator;
  let token: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: "rest", repos: 2, prsPerRepo: 1000, now: Date.UTC(2025, 5, 1) });
    token = await installationToken(sim);
  });
  afterAll(() => sim.stop());

  it("pages PRs by updated_at with Link headers that lead to every PR once", async () => {
    const first = await rest(
      sim,
      token,
      "/repos/acme/web/pulls?state=all&sort=updated&direction=desc&per_page=100",
    );
    expect(first.status).toBe(200);
    const rel = links(first.headers.get("link"));
    expect(rel.next).toContain("page=2");
    expect(rel.last).toContain("page=10");
    const seen: number[] = [];
    let url: string | undefined =
      `${sim.url}/api/v3/repos/acme/web/pulls?state=all&sort=updated&direction=desc&per_page=100`;
    let previous = Number.POSITIVE_INFINITY;
    while (url) {
      const page = await rest(sim, token, url.slice(`${sim.url}/api/v3`.length));
      for (const pull of page.body as Row[]) {
        const updated = Date.parse(String(pull.updated_at));
        expect(updated).toBeLessThanOrEqual(previous);
        previous = updated;
        seen.push(Number(pull.number));
      }
      url = links(page.headers.get("link")).next;
    }
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
  });

  it("uses GitHub's field names for a single PR", async () => {
    const { body } = await rest(sim, token, "/repos/acme/web/pulls/42");
    const pull = body as Row;
    expect(pull).toMatchObject({ number: 42, state: expect.stringMatching(/open|closed/) });
    for (const field of [
      "user",
      "head",
      "base",
      "merged_at",
      "draft",
      "commits",
      "changed_files",
      "additions",
    ]) {
      expect(pull).toHaveProperty(field);
    }
  });

  it("stops a PR's commits at 250 and its files at 3,000, as GitHub does", async () => {
    const pulls = sim.org.pulls("web");
    const manyCommits = pulls.find((p) => p.commits > 250);
    const manyFiles = pulls.find((p) => p.files > 3000);
    if (!manyCommits || !manyFiles) throw new Error("the seed has no PR past the caps");

    const lastCommits = await rest(
      sim,
      token,
      `/repos/acme/web/pulls/${manyCommits.number}/commits?per_page=100&page=3`,
    );
    expect(lastCommits.body as Row[]).toHaveLength(50);
    expect(links(lastCommits.headers.get("link")).next).toBeUndefined();

    const lastFiles = await rest(
      sim,
      token,
      `/repos/acme/web/pulls/${manyFiles.number}/files?per_page=100&page=30`,
    );
    expect(lastFiles.body as Row[]).toHaveLength(100);
    expect(links(lastFiles.headers.get("link")).next).toBeUndefined();
    const single = await rest(sim, token, `/repos/acme/web/pulls/${manyFiles.number}`);
    expect((single.body as Row).changed_files).toBe(manyFiles.files);
  });

  it("serves reviews, comments, timeline, check runs and deployments", async () => {
    const pull = sim.org.pulls("web").find((p) => p.reviews > 1 && p.reviewComments > 0 && p.comments > 0);
    if (!pull) throw new Error("no PR with reviews and comments");
    const base = `/repos/acme/web`;
    const reviews = (await rest(sim, token, `${base}/pulls/${pull.number}/reviews`)).body as Row[];
    expect(reviews).toHaveLength(pull.reviews);
    expect(reviews[0]).toHaveProperty("submitted_at");
    const inline = (await rest(sim, token, `${base}/pulls/${pull.number}/comments?per_page=100`))
      .body as Row[];
    expect(inline[0]).toHaveProperty("pull_request_review_id");
    const conversation = (await rest(sim, token, `${base}/issues/${pull.number}/comments?per_page=100`))
      .body as Row[];
    expect(conversation).toHaveLength(Math.min(100, pull.comments));
    const timeline = (await rest(sim, token, `${base}/issues/${pull.number}/timeline?per_page=100`))
      .body as Row[];
    expect(timeline.some((event) => event.event === "reviewed")).toBe(true);

    const runs = sim.org.detailsOf(pull).checkRuns();
    const all = await rest(sim, token, `${base}/commits/${pull.headSha}/check-runs?filter=all&per_page=100`);
    const latest = await rest(sim, token, `${base}/commits/${pull.headSha}/check-runs?per_page=100`);
    expect((all.body as Row).total_count).toBe(runs.length);
    expect((latest.body as Row).total_count).toBe(new Set(runs.map((r) => r.name)).size);

    const deployments = (await rest(sim, token, `${base}/deployments?environment=production`)).body as Row[];
    expect(deployments.length).toBeGreaterThan(0);
    const statuses = (await rest(sim, token, `${base}/deployments/${String(deployments[0].id)}/statuses`))
      .body as Row[];
    expect(statuses[0].state).toMatch(/success|failure|error|in_progress|queued/);
  });

  it("serves .github/mergelens.yml where a repository has one, and 404 elsewhere", async () => {
    const raw = await rest(sim, token, "/repos/acme/web/contents/.github%2Fmergelens.yml", {
      headers: { accept: "application/vnd.github.v3.raw" },
    });
    expect(raw.headers.get("content-type")).toBe("application/vnd.github.raw; charset=utf-8");
    expect(raw.body).toBe("# mergelens settings\nbots:\n  - release-train\n");
    const json = await rest(sim, token, "/repos/acme/web/contents/.github/mergelens.yml");
    expect(Buffer.from(String((json.body as Row).content), "base64").toString()).toContain("bots:");
    expect((await rest(sim, token, "/repos/acme/api/contents/.github/mergelens.yml")).status).toBe(404);
  });

  it("answers unknown routes and repositories with GitHub's 404", async () => {
    for (const path of [
      "/nope",
      "/repos/acme/nope",
      "/repos/other/web/pulls",
      "/repos/acme/web/pulls/99999",
    ]) {
      const { status, body } = await rest(sim, token, path);
      expect(status).toBe(404);
      expect(body).toMatchObject({ message: "Not Found", documentation_url: expect.any(String) });
    }
  });

  it("lists the installation, its repositories, and failed deliveries to redeliver", async () => {
    const app = { authorization: `Bearer ${APP_JWT}` };
    const installations = await rest(sim, token, "/app/installations", { headers: app });
    expect(installations.body).toEqual([expect.objectContaining({ id: sim.org.installationId })]);
    const repos = (await rest(sim, token, "/installation/repositories")).body as Row;
    expect(repos.total_count).toBe(2);

    const deliveries = (await rest(sim, token, "/app/hook/deliveries?per_page=100", { headers: app }))
      .body as Row[];
    const failed = deliveries.find((d) => d.status !== "OK");
    if (!failed) throw new Error("no failed delivery");
    const attempt = await rest(sim, token, `/app/hook/deliveries/${String(failed.id)}/attempts`, {
      method: "POST",
      headers: app,
    });
    expect(attempt.status).toBe(202);
    expect(sim.deliveries.redeliveries).toEqual([failed.id]);
  });

  it("requires a JWT on /app routes and an installation token elsewhere", async () => {
    expect((await rest(sim, token, "/app/installations")).status).toBe(401);
    const jwtOnRepo = await rest(sim, token, "/repos/acme/web", {
      headers: { authorization: `Bearer ${APP_JWT}` },
    });
    expect(jwtOnRepo).toMatchObject({ status: 401, body: { message: "Bad credentials" } });
    expect((await rest(sim, "ghs_unknown", "/repos/acme/web")).status).toBe(401);
  });
});

describe("installation tokens", () => {
  it("stop working when their lifetime is over, and new ones work", async () => {
    const sim = await startSimulator({ seed: "tokens", repos: 1, prsPerRepo: 5, tokenLifetimeMs: 300 });
    try {
      const token = await installationToken(sim);
      expect((await rest(sim, token, "/repos/acme/web")).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(await rest(sim, token, "/repos/acme/web")).toMatchObject({
        status: 401,
        body: { message: "Bad credentials" },
      });
      expect((await rest(sim, await installationToken(sim), "/repos/acme/web")).status).toBe(200);
    } finally {
      await sim.stop();
    }
  });
});
