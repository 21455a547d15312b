import { isBot, isHuman, isReviewer } from "../../src/metrics/people.js";
import { bot, human } from "./fixtures.js";

describe("isBot", () => {
  it("is true for GitHub's Bot type, whatever the login", () => {
    expect(isBot({ login: "renovate", type: "Bot" })).toBe(true);
  });

  it("is true for a login ending in [bot], any case, even with an unknown type", () => {
    expect(isBot({ login: "dependabot[bot]", type: null })).toBe(true);
    expect(isBot({ login: "Some-App[BOT]", type: "User" })).toBe(true);
  });

  it("is true for a login listed under bots: in the repo config, any case", () => {
    expect(isBot(human("ci-robot"), ["CI-Robot"])).toBe(true);
  });

  it("is false for everyone else", () => {
    expect(isBot(human("alice"), ["ci-robot"])).toBe(false);
    expect(isBot({ login: "botanist", type: "User" })).toBe(false);
    expect(isBot({ login: "acme", type: "Organization" })).toBe(false);
    expect(isHuman(human("alice"))).toBe(true);
  });
});

describe("isReviewer", () => {
  it("is a human other than the author (logins any case)", () => {
    expect(isReviewer(human("bob"), human("alice"))).toBe(true);
    expect(isReviewer(human("Alice"), human("alice"))).toBe(false);
    expect(isReviewer(bot("github-actions[bot]"), human("alice"))).toBe(false);
    expect(isReviewer(human("ci-robot"), human("alice"), ["ci-robot"])).toBe(false);
  });
});
