import {
  DEFAULT_AI_AUTHORS,
  DEFAULT_AI_LABELS,
  DEFAULT_CO_AUTHOR_PATTERNS,
  DEFAULT_REPO_CONFIG,
  parseRepoConfig,
} from "../../src/metrics/repo-config.js";

describe("parseRepoConfig", () => {
  it("gives the defaults and no error with no file, an empty file or only comments", () => {
    for (const text of [null, "", "# nothing yet\n"]) {
      expect(parseRepoConfig(text)).toEqual({ config: DEFAULT_REPO_CONFIG, error: null });
    }
  });

  it("spells out METRICS.md's label pattern ^ai[-_ ]?(assisted|generated)$ as 8 names", () => {
    // 4 separators ("", "-", "_", " ") × 2 words.
    expect([...DEFAULT_AI_LABELS].sort()).toEqual(
      ["aiassisted", "ai-assisted", "ai_assisted", "ai assisted"]
        .concat(["aigenerated", "ai-generated", "ai_generated", "ai generated"])
        .sort(),
    );
  });

  it("extends every list with the file's entries, without duplicates", () => {
    const { config, error } = parseRepoConfig(
      [
        "bots: [ci-robot, deploy-user]",
        "ai:",
        "  authors: [our-agent, Copilot]",
        "  coAuthorPatterns: ['<agent@acme\\.dev>$']",
        "  labels: [robot-made]",
        "productionEnvironment: '^(live|prod)$'",
      ].join("\n"),
    );
    expect(error).toBeNull();
    expect(config).toEqual({
      bots: ["ci-robot", "deploy-user"],
      ai: {
        authors: [...DEFAULT_AI_AUTHORS, "our-agent"],
        coAuthorPatterns: [...DEFAULT_CO_AUTHOR_PATTERNS, "<agent@acme\\.dev>$"],
        labels: [...DEFAULT_AI_LABELS, "robot-made"],
      },
      productionEnvironment: "^(live|prod)$",
    });
  });

  it("keeps the defaults for the keys a file leaves out", () => {
    const { config } = parseRepoConfig("bots:\n  - ci-robot\n");
    expect(config).toEqual({ ...DEFAULT_REPO_CONFIG, bots: ["ci-robot"] });
  });

  it.each([
    ["broken YAML", "bots: [ci-robot\nai: x", /^\.github\/mergelens\.yml: .*line 2, column 1:$/],
    ["a misspelt key", "bot: [ci-robot]", /^\.github\/mergelens\.yml: ✖ Unrecognized key: "bot"$/],
    [
      "a list given as a string",
      "bots: ci-robot",
      /✖ Invalid input: expected array, received string → at bots$/,
    ],
    [
      "a bad pattern",
      "ai:\n  coAuthorPatterns: ['(unclosed']",
      /not a linear-time \(RE2\) regular expression: .*missing closing \).* → at ai\.coAuthorPatterns\[0\]$/,
    ],
    [
      "a bad environment pattern",
      "productionEnvironment: '[prod'",
      /not a linear-time \(RE2\) regular expression: .*missing closing \].* → at productionEnvironment$/,
    ],
    [
      "a backreference (no linear-time match exists)",
      "ai:\n  coAuthorPatterns: ['(a+)\\1$']",
      /not a linear-time \(RE2\) regular expression: .* → at ai\.coAuthorPatterns\[0\]$/,
    ],
    [
      "a lookahead environment pattern",
      "productionEnvironment: '^(?=prod)\\w+$'",
      /not a linear-time \(RE2\) regular expression: .* → at productionEnvironment$/,
    ],
    [
      "an overlong pattern",
      `productionEnvironment: '${"a".repeat(501)}'`,
      /longer than 500 characters → at productionEnvironment$/,
    ],
    ["an empty name", "ai:\n  labels: ['']", /must not be empty → at ai\.labels\[0\]$/],
    ["a file that is not a mapping", "- ci-robot", /expected object, received array$/],
  ])("reports %s in one line and falls back to the defaults", (_case, text, message) => {
    const { config, error } = parseRepoConfig(text);
    expect(config).toEqual(DEFAULT_REPO_CONFIG);
    expect(error).toMatch(message);
    expect(error).not.toContain("\n");
  });
});
