import { boundFields, cutText, TEXT_LIMITS } from "../../src/records/bounded-text.js";
import { extractPullRequest } from "../../src/webhooks/extract/pull-request.js";
import { pullRequestEventSchema } from "../../src/webhooks/schemas/pull-request.js";
import { edit, example } from "../webhooks/helpers/fixtures.js";

describe("bounded stored text", () => {
  it("cuts a 5 MB title from a webhook at extract time and records the cut as data", () => {
    const title = "x".repeat(5 * 1024 * 1024);
    const body = `${"b".repeat(70_000)} fixes #12`;
    const payload = edit(example("pull_request", "opened"), {
      "pull_request.title": title,
      "pull_request.body": body,
    });
    const record = extractPullRequest(pullRequestEventSchema.parse(payload));
    expect(record.title).toBe("x".repeat(TEXT_LIMITS.title));
    expect(record.body).toHaveLength(TEXT_LIMITS.body);
    expect(record.truncated).toEqual(["title", "body"]);
    // What the body says is read before the cut.
    expect(record.linkedIssues).toEqual(["Codertocat/Hello-World#12"]);
  });

  it("leaves text within bounds alone, with nothing recorded", () => {
    const record = extractPullRequest(pullRequestEventSchema.parse(example("pull_request", "opened")));
    expect(record.truncated).toEqual([]);
    expect(boundFields({ message: "short" }, ["message"])).toEqual({ message: "short", truncated: [] });
  });

  it("never splits a character made of two UTF-16 units", () => {
    expect(cutText("ab😀", 3)).toBe("ab");
    expect(cutText("abc😀", 3)).toBe("abc");
    expect(cutText("ab", 3)).toBeNull();
  });
});
