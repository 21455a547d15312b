import { listPullRequests } from "../../src/query/pull-requests.js";
import { useTestApp } from "./helpers/app.js";
import { edit, example, scenario } from "./helpers/fixtures.js";

/**
 * Every delivery from a repository names it, as it was when GitHub built the payload. One from before
 * a rename can arrive after it: the name is versioned by the repository's `updated_at`, which a rename
 * moves, so only newer information wins.
 */
const { db, app } = useTestApp();

const [toUniverse, toMultiverse] = scenario("repository-renamed");
const HELLO = { installationId: 1, repoId: 186853002 };
const name = async () => (await db.store().repositories.findOne(HELLO).lean())?.fullName;
const prRepo = async () =>
  (
    await db
      .store()
      .pullRequests.findOne({ ...HELLO, number: 2 })
      .lean()
  )?.repo;

describe("a renamed repository", () => {
  it("keeps its new name when a delivery from before the rename arrives after it, PRs included", async () => {
    await app.receive("pull_request", example("pull_request", "opened"));
    await app.receive(toUniverse.name, toUniverse.payload);
    await app.receive("pull_request_review_comment", example("pull_request_review_comment", "created"));

    expect(await name()).toBe("Codertocat/Hello-Universe");
    expect(await prRepo()).toBe("Codertocat/Hello-Universe");
    const page = await listPullRequests(db.store(), 1, { repo: "Codertocat/Hello-Universe", limit: 10 });
    expect(page.items.map((pr) => pr.number)).toEqual([2]);
  });

  it("stores a PR delivered late, from before the rename, under the new name", async () => {
    await app.receive(toUniverse.name, toUniverse.payload);
    await app.receive("pull_request", example("pull_request", "opened"));
    expect(await name()).toBe("Codertocat/Hello-Universe");
    expect(await prRepo()).toBe("Codertocat/Hello-Universe");
  });

  it("keeps the newest of two renames whatever order they arrive in", async () => {
    await app.receive(toMultiverse.name, toMultiverse.payload);
    await app.receive(toUniverse.name, toUniverse.payload);
    expect(await name()).toBe("Codertocat/Hello-Multiverse");
  });

  it("takes a later delivery's name, and an add's undated name only for a repository it does not know", async () => {
    const later = edit(example("pull_request", "opened"), {
      "repository.full_name": "Codertocat/Hello-Galaxy",
      "repository.updated_at": "2019-05-15T18:00:00Z",
    });
    await app.receive(toUniverse.name, toUniverse.payload);
    await app.receive("pull_request", later);
    expect(await name()).toBe("Codertocat/Hello-Galaxy");

    const added = edit(example("installation_repositories", "added"), {
      "installation.id": 1,
      repositories_added: [{ id: HELLO.repoId, full_name: "Codertocat/Hello-World", private: false }],
    });
    await app.receive("installation_repositories", added);
    expect(await name()).toBe("Codertocat/Hello-Galaxy");
  });
});
