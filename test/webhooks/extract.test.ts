import { deriveReadyAt } from "../../src/metrics/ready-at.js";
import { parseLinkedIssues } from "../../src/webhooks/extract/linked-issues.js";
import { extractPullRequest } from "../../src/webhooks/extract/pull-request.js";
import { pullRequestEventSchema } from "../../src/webhooks/schemas/pull-request.js";
import { edit, example } from "./helpers/fixtures.js";

describe("parseLinkedIssues", () => {
  const repo = "acme/app";

  it.each([
    ["Fixes #12", ["acme/app#12"]],
    ["closes #1, resolves #2 and #3", ["acme/app#1", "acme/app#2"]],
    ["RESOLVED: other/lib#7", ["other/lib#7"]],
    ["Close https://github.com/acme/app/issues/44.", ["acme/app#44"]],
    ["fixed https://ghe.example.com/team/svc/issues/5", ["team/svc#5"]],
    ["Fixes #3\nfixes #3", ["acme/app#3"]],
    ["see #4, unfixed #5, prefix#6, fixes https://github.com/acme/app/pull/8", []],
    ["Fixes #9abc", []],
  ])("%j → %j", (body, expected) => {
    expect(parseLinkedIssues(body, repo)).toEqual(expected);
  });
});

describe("extractPullRequest", () => {
  const extract = (changes: Record<string, unknown>) =>
    extractPullRequest(pullRequestEventSchema.parse(edit(example("pull_request", "opened"), changes)));

  it("says merged when merged_at is set, closed when only closed, open otherwise", () => {
    expect(extract({}).state).toBe("open");
    expect(extract({ "pull_request.state": "closed" }).state).toBe("closed");
    expect(
      extract({ "pull_request.state": "closed", "pull_request.merged_at": "2019-05-16T09:30:00Z" }).state,
    ).toBe("merged");
    expect(extract({ "pull_request.state": "closed", "pull_request.merged": true }).state).toBe("merged");
  });

  it("keeps GitHub's account type and turns a deleted author into ghost", () => {
    expect(extract({ "pull_request.user.type": "Bot" }).author).toEqual({
      login: "Codertocat",
      id: 21031067,
      type: "Bot",
    });
    expect(extract({ "pull_request.user": null }).author).toEqual({ login: "ghost", id: null, type: null });
  });

  it("gives null sizes when the payload has none", () => {
    const record = extract({
      "pull_request.additions": undefined,
      "pull_request.deletions": undefined,
      "pull_request.changed_files": undefined,
    });
    expect(record).toMatchObject({ additions: null, deletions: null, changedFiles: null });
  });
});

describe("deriveReadyAt", () => {
  const createdAt = new Date("2024-01-01T10:00:00Z");
  const readyAt = new Date("2024-01-02T10:00:00Z");

  it.each([
    [false, false, null, createdAt],
    [false, false, readyAt, createdAt],
    [true, true, null, null],
    [true, false, null, null],
    [true, false, readyAt, readyAt],
    [null, true, readyAt, null],
    [null, false, readyAt, readyAt],
    [null, false, null, createdAt],
  ])(
    "openedAsDraft %p, draft %p, first ready %p → %p",
    (openedAsDraft, draft, firstReadyForReviewAt, expected) => {
      expect(deriveReadyAt({ createdAt, draft, openedAsDraft, firstReadyForReviewAt })).toEqual(expected);
    },
  );
});
