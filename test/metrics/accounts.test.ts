import {
  accountKey,
  listsAccount,
  restLogin,
  restLoginOfGraphqlActor,
  sameAccount,
} from "../../src/metrics/accounts.js";
import { aggregatePullRequests } from "../../src/metrics/aggregate.js";
import { detectAi } from "../../src/metrics/detect-ai.js";
import { isBot, isReviewer } from "../../src/metrics/people.js";
import { parseRepoConfig } from "../../src/metrics/repo-config.js";
import type { Actor } from "../../src/records/types.js";
import { at, human, pullRequest, storedPr } from "./fixtures.js";

// GitHub's spellings of two real accounts (STACK.md): REST/webhooks, then GraphQL.
const COPILOT_ID = 198982749;
const copilotRest: Actor = { login: "Copilot", id: COPILOT_ID, type: "Bot" };
const copilotGraphql: Actor = { login: "copilot-swe-agent", id: COPILOT_ID, type: "Bot" };
const dependabotRest: Actor = { login: "dependabot[bot]", id: 49699333, type: "Bot" };
const dependabotGraphql: Actor = { login: "dependabot", id: 49699333, type: "Bot" };

describe("one identity per account", () => {
  it("spells a GraphQL actor as REST does: [bot] added, the Copilot agent's app slug replaced", () => {
    expect(restLoginOfGraphqlActor(copilotGraphql)).toBe("Copilot");
    expect(restLoginOfGraphqlActor(dependabotGraphql)).toBe("dependabot[bot]");
    expect(restLoginOfGraphqlActor(human("alice"))).toBe("alice");
    expect(restLogin(copilotRest)).toBe("Copilot");
    // Records stored before GraphQL logins were normalised: the id still names the account.
    expect(restLogin({ login: "copilot-swe-agent[bot]", id: COPILOT_ID, type: "Bot" })).toBe("Copilot");
  });

  it("keys an account by its id whatever the login, and by login (any case) without one", () => {
    expect(accountKey(copilotRest)).toBe(accountKey(copilotGraphql));
    expect(accountKey(copilotRest)).toBe(`id:${COPILOT_ID}`);
    expect(accountKey({ login: "Alice" })).toBe(accountKey({ login: "alice", id: null }));
    expect(accountKey(human("alice"))).not.toBe(accountKey(human("bob")));
    expect(sameAccount(dependabotRest, dependabotGraphql)).toBe(true);
    expect(sameAccount({ login: "bob", id: 1 }, { login: "bob", id: 2 })).toBe(false);
    expect(sameAccount({ login: "Bob" }, { login: "bob", id: 2 })).toBe(true);
  });

  it("finds an account in a list under any of its spellings, not by substring", () => {
    expect(listsAccount(["copilot-swe-agent[bot]"], copilotRest)).toBe(true);
    expect(listsAccount(["Copilot"], copilotGraphql)).toBe(true);
    expect(listsAccount(["dependabot"], dependabotRest)).toBe(true);
    expect(listsAccount(["dependabot[bot]"], dependabotGraphql)).toBe(true);
    expect(listsAccount(["copilot"], human("copilot-fan"))).toBe(false);
    // A human's login gains no [bot] spelling.
    expect(listsAccount(["alice[bot]"], human("alice"))).toBe(false);
  });

  it("applies bot and AI-agent lists to every spelling", () => {
    const { config } = parseRepoConfig(
      ["bots:", "  - release-train[bot]", "ai:", "  authors:", "    - our-agent[bot]"].join("\n"),
    );
    expect(isBot({ login: "release-train", id: 7, type: "User" }, config.bots)).toBe(false);
    expect(isBot({ login: "release-train", id: 7, type: "Bot" }, config.bots)).toBe(true);
    const ours = pullRequest({ author: { login: "our-agent", id: 8, type: "Bot" } });
    expect(detectAi(ours, [], config.ai).aiEvidence).toEqual(["author:our-agent"]);
    for (const author of [copilotRest, copilotGraphql]) {
      expect(detectAi(pullRequest({ author }), [], config.ai).aiEvidence).toEqual(["author:Copilot"]);
    }
  });

  it("does not count an author's own review under another spelling", () => {
    const alice = human("alice");
    expect(isReviewer({ login: "Alice", id: alice.id, type: "User" }, alice)).toBe(false);
    expect(isReviewer(human("bob"), alice)).toBe(true);
  });
});

describe("author and reviewer groups", () => {
  const range = { since: at("2026-03-01T00:00:00Z"), until: at("2026-04-01T00:00:00Z") };

  it("put an account's PRs in one author group shown by its REST login", () => {
    const prs = [
      storedPr("2026-03-02T10:00:00Z", "2026-03-03T10:00:00Z", { author: copilotRest }),
      // Stored by a sync before logins were normalised.
      storedPr("2026-03-04T10:00:00Z", "2026-03-05T10:00:00Z", {
        author: { login: "copilot-swe-agent[bot]", id: COPILOT_ID, type: "Bot" },
      }),
    ];
    const { groups } = aggregatePullRequests(prs, { ...range, groupBy: "author" });
    expect(groups.map((group) => [group.key, group.prsMerged])).toEqual([["Copilot", 2]]);
  });

  it("shows a renamed account under its newest login, and keeps old reviewer records by login", () => {
    const key = (login: string) => accountKey({ login, id: 42 });
    const prs = [
      storedPr("2026-03-02T10:00:00Z", "2026-03-03T10:00:00Z", {
        reviewsByReviewer: [{ login: "old-name", count: 1, key: key("old-name") }],
      }),
      storedPr("2026-03-04T10:00:00Z", "2026-03-05T10:00:00Z", {
        reviewsByReviewer: [{ login: "new-name", count: 2, key: key("new-name") }],
      }),
      // Stored before reviewers were keyed: grouped by login, any case.
      storedPr("2026-03-06T10:00:00Z", "2026-03-07T10:00:00Z", {
        reviewsByReviewer: [{ login: "Carol", count: 1 }],
      }),
      storedPr("2026-03-08T10:00:00Z", "2026-03-09T10:00:00Z", { reviewers: ["carol"] }),
    ];
    const { groups } = aggregatePullRequests(prs, { ...range, groupBy: "reviewer" });
    expect(groups.map((group) => [group.key, group.prsMerged, group.reviewsSubmitted])).toEqual([
      ["carol", 2, 1],
      ["new-name", 2, 3],
    ]);
  });
});
