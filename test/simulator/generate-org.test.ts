import { generateOrg, type SimulatedOrg } from "../../src/simulator/generate-org.js";
import type { PullModel } from "../../src/simulator/model.js";

const NOW = Date.UTC(2025, 5, 1);

function everyPull(org: SimulatedOrg): PullModel[] {
  return org.repos.flatMap((repo) => org.pulls(repo.name));
}

describe("the generated organisation", () => {
  const org = generateOrg({ seed: "variety", repos: 2, prsPerRepo: 1000, now: NOW });
  const pulls = everyPull(org);

  it("is the same for the same seed and different for another", () => {
    const again = generateOrg({ seed: "variety", repos: 2, prsPerRepo: 1000, now: NOW });
    const other = generateOrg({ seed: "other", repos: 2, prsPerRepo: 1000, now: NOW });
    const digest = (o: SimulatedOrg, n: number) => {
      const pull = o.pull("web", n);
      if (!pull) throw new Error("missing PR");
      const details = o.detailsOf(pull);
      return JSON.stringify([
        pull,
        details.commits(),
        details.reviews(),
        details.checkRuns(),
        details.timeline(),
      ]);
    };
    expect(digest(again, 17)).toBe(digest(org, 17));
    expect(digest(again, 999)).toBe(digest(org, 999));
    expect(digest(other, 17)).not.toBe(digest(org, 17));
  });

  it("spans the last 120 days with merged, closed, open and draft PRs", () => {
    expect(Math.min(...pulls.map((p) => p.createdAt))).toBeGreaterThanOrEqual(NOW - 120 * 86_400_000);
    expect(Math.max(...pulls.map((p) => p.updatedAt))).toBeLessThanOrEqual(NOW);
    expect(pulls.filter((p) => p.mergedAt !== null).length).toBeGreaterThan(1000);
    expect(pulls.some((p) => p.closedAt !== null && p.mergedAt === null)).toBe(true);
    expect(pulls.some((p) => p.closedAt === null && p.draft)).toBe(true);
    expect(pulls.some((p) => p.openedAsDraft && p.draftEvents.some((e) => e.kind === "draft"))).toBe(true);
  });

  it("has bot and AI-agent authors, reverts, hotfixes and AI commit trailers", () => {
    const logins = new Set(pulls.map((p) => p.author.login));
    for (const login of ["dependabot[bot]", "Copilot", "release-train"]) expect(logins.has(login)).toBe(true);
    expect(pulls.some((p) => p.title.startsWith('Revert "') && /^revert-\d+-/.test(p.headRef))).toBe(true);
    expect(pulls.some((p) => p.headRef.startsWith("hotfix/"))).toBe(true);
    const claude = pulls.find((p) => p.aiTrailer === "claude");
    if (!claude) throw new Error("no PR with a Claude trailer");
    expect(org.detailsOf(claude).commits()[0].message).toContain(
      "Co-authored-by: Claude <noreply@anthropic.com>",
    );
  });

  it("has lists longer than one page, and PRs past GitHub's REST caps", () => {
    expect(pulls.some((p) => p.commits > 250)).toBe(true);
    expect(pulls.some((p) => p.files > 3000)).toBe(true);
    expect(pulls.some((p) => p.comments > 100)).toBe(true);
    expect(pulls.some((p) => p.reviewComments > 100)).toBe(true);
    expect(pulls.some((p) => p.reviews > 100)).toBe(true);
  });

  it("keeps each PR's lists consistent with its own fields", () => {
    for (const pull of pulls.slice(0, 300)) {
      const details = org.detailsOf(pull);
      const commits = details.commits();
      const files = details.files();
      expect(commits).toHaveLength(pull.commits);
      expect(commits.at(-1)?.sha).toBe(pull.headSha);
      expect(files).toHaveLength(pull.files);
      expect(files.reduce((sum, f) => sum + f.additions, 0)).toBe(pull.additions);
      expect(files.reduce((sum, f) => sum + f.deletions, 0)).toBe(pull.deletions);
      expect(details.reviews()).toHaveLength(pull.reviews);
      expect(details.issueComments()).toHaveLength(pull.comments);
      expect(details.reviewComments()).toHaveLength(pull.reviewComments);
      const times = details.reviews().map((r) => r.submittedAt);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      if (pull.mergedAt !== null && pull.reviews > 0)
        expect(details.reviews().at(-1)?.state).toBe("APPROVED");
      expect(details.checkRuns().every((run) => run.headSha === pull.headSha)).toBe(true);
    }
  });

  it("has self reviews, bot reviews, re-run checks and failed deployments", () => {
    const sample = pulls.slice(0, 400).map((p) => ({ pull: p, details: org.detailsOf(p) }));
    const reviews = sample.flatMap(({ pull, details }) =>
      details.reviews().map((r) => ({ pull, review: r })),
    );
    expect(reviews.some(({ pull, review }) => review.author.login === pull.author.login)).toBe(true);
    expect(reviews.some(({ review }) => review.author.type === "Bot")).toBe(true);
    expect(new Set(reviews.map(({ review }) => review.state))).toEqual(
      new Set(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"]),
    );
    const reran = sample.some(({ details }) => {
      const names = details.checkRuns().map((run) => run.name);
      return new Set(names).size < names.length;
    });
    expect(reran).toBe(true);
    const deployments = org.deployments("web");
    expect(new Set(deployments.map((d) => d.environment))).toEqual(new Set(["production", "staging"]));
    expect(deployments.some((d) => d.statuses.at(-1)?.state === "failure")).toBe(true);
  });
});

describe("mutations", () => {
  it("merge, close, force-push and add PRs, each moving updatedAt forward", () => {
    const org = generateOrg({ seed: "mutations", repos: 1, prsPerRepo: 200, now: NOW });
    const open = org.pulls("web").filter((p) => p.closedAt === null);
    const [a, b, c] = open;
    const before = { a: a.updatedAt, b: b.updatedAt, c: c.updatedAt };

    const merged = org.mergePullRequest("web", a.number, NOW + 60_000);
    expect(merged.mergedAt).toBe(NOW + 60_000);
    expect(merged.updatedAt).toBeGreaterThan(before.a);
    expect(merged.mergeCommitSha).toMatch(/^[0-9a-f]{40}$/);
    expect(() => org.mergePullRequest("web", a.number)).toThrow(/already closed/);

    expect(org.closePullRequest("web", b.number).closedAt).toBeGreaterThan(before.b);

    const oldHead = c.headSha;
    const oldCommits = c.commits;
    const pushed = org.forcePush("web", c.number, NOW + 120_000);
    expect(pushed.headSha).not.toBe(oldHead);
    expect(pushed.updatedAt).toBeGreaterThan(before.c);
    const details = org.detailsOf(pushed);
    expect(details.commits()).toHaveLength(oldCommits + 1);
    expect(details.commits().at(-1)?.sha).toBe(pushed.headSha);
    expect(
      details.checkRuns().every((run) => run.headSha === pushed.headSha && run.status === "completed"),
    ).toBe(true);
    expect(details.timeline().some((e) => e.event === "head_ref_force_pushed")).toBe(true);

    const added = org.addPullRequest("web", { title: "Brand new", draft: true, at: NOW + 180_000 });
    expect(added.number).toBe(201);
    expect(org.pull("web", 201)).toBe(added);
    expect(added).toMatchObject({
      title: "Brand new",
      draft: true,
      closedAt: null,
      createdAt: NOW + 180_000,
    });
    expect(org.detailsOf(added).reviews()).toEqual([]);
  });
});
