import { detectAi } from "../../src/metrics/detect-ai.js";
import { DEFAULT_REPO_CONFIG, parseRepoConfig } from "../../src/metrics/repo-config.js";
import { bot, commit, human, pullRequest } from "./fixtures.js";

const ai = DEFAULT_REPO_CONFIG.ai;
const withMessages = (...messages: string[]) => messages.map((message) => commit({ message }));

describe("detectAi", () => {
  it("finds nothing in an ordinary PR", () => {
    const result = detectAi(
      pullRequest(),
      withMessages("Fix the widget\n\nCo-authored-by: Bob <bob@x.io>"),
      ai,
    );
    expect(result).toEqual({ aiAssisted: false, aiEvidence: [] });
  });

  it.each([
    "Copilot",
    "copilot-swe-agent[bot]",
    "devin-ai-integration[bot]",
    "google-labs-jules[bot]",
    "cursor[bot]",
    "claude[bot]",
    "codex[bot]",
    "openhands-agent",
    "sweep-ai[bot]",
  ])("flags the agent author %s", (login) => {
    const result = detectAi(pullRequest({ author: bot(login) }), [], ai);
    expect(result).toEqual({ aiAssisted: true, aiEvidence: [`author:${login}`] });
  });

  it("matches agent logins in any case, not by substring", () => {
    expect(detectAi(pullRequest({ author: human("OpenHands-Agent") }), [], ai).aiAssisted).toBe(true);
    expect(detectAi(pullRequest({ author: human("copilot-fan") }), [], ai).aiAssisted).toBe(false);
  });

  it.each([
    "Copilot <198982749+Copilot@users.noreply.github.com>",
    "Claude <noreply@anthropic.com>",
    "Cursor Agent <cursoragent@cursor.com>",
    "Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
    "codex <codex@openai.com>",
    "GEMINI CLI <gemini@example.com>",
    "aider (gpt-4o) <noreply@aider.chat>",
    "google-labs-jules[bot] <jules@google.com>",
  ])("flags the co-author trailer naming a tool: %s", (value) => {
    const result = detectAi(pullRequest(), withMessages(`Work\n\nCo-authored-by: ${value}`), ai);
    expect(result.aiEvidence).toEqual([`co-author:${value}`]);
  });

  it.each([
    "Someone <noreply@anthropic.com>",
    "Bot Person <cursoragent@cursor.com>",
    "Helper <NoReply@Aider.Chat>",
    "Mona <12345+copilot@users.noreply.github.com>",
  ])("flags a co-author by e-mail alone: %s", (value) => {
    const result = detectAi(pullRequest(), withMessages(`Work\n\nco-authored-by:   ${value}\r\n`), ai);
    expect(result.aiEvidence).toEqual([`co-author:${value}`]);
  });

  it("ignores a tool's name that only appears in a human's e-mail, and non-trailer mentions", () => {
    const messages = withMessages(
      "Co-authored-by: Jane <jane@cursor.com>",
      "Ask Claude later\n\nCo-authored-by: Bob <bob@x.io>",
      "Reviewed-by: Copilot <x@y.z>",
    );
    expect(detectAi(pullRequest(), messages, ai).aiAssisted).toBe(false);
  });

  it("flags Claude Code's footer once, and other robot footers", () => {
    const claude = "Fix\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)";
    expect(detectAi(pullRequest(), withMessages(claude), ai).aiEvidence).toEqual([
      "commit-message:generated-with-claude-code",
    ]);
    const inline = "Fix (Generated with [Claude Code])";
    expect(detectAi(pullRequest(), withMessages(inline), ai).aiEvidence).toEqual([
      "commit-message:generated-with-claude-code",
    ]);
    const other = "Fix\n🤖 Generated with Some Tool";
    expect(detectAi(pullRequest(), withMessages(other), ai).aiEvidence).toEqual([
      "commit-message:robot-generated-with",
    ]);
  });

  it("needs the robot footer at a line start", () => {
    const messages = withMessages("Fix 🤖 Generated with Some Tool", "Generated with Claude Code");
    expect(detectAi(pullRequest(), messages, ai).aiAssisted).toBe(false);
  });

  it.each(["ai-assisted", "AI_Generated", "ai assisted", "aigenerated", "Ai-Generated"])(
    "flags the label %s",
    (label) => {
      expect(detectAi(pullRequest({ labels: ["bug", label] }), [], ai).aiEvidence).toEqual([
        `label:${label}`,
      ]);
    },
  );

  it.each(["ai", "ai-assisted-review", "not-ai-assisted", "ai--assisted", "ai.generated"])(
    "ignores the label %s",
    (label) => {
      expect(detectAi(pullRequest({ labels: [label] }), [], ai).aiAssisted).toBe(false);
    },
  );

  it("lists every reason once, grouped by kind and sorted, whatever the input order", () => {
    const pr = pullRequest({ author: bot("copilot-swe-agent[bot]"), labels: ["AI-assisted"] });
    const commits = withMessages(
      "a\n\nCo-authored-by: Claude <noreply@anthropic.com>\n🤖 Generated with [Claude Code](x)",
      "b\n\nCo-authored-by: Aider <noreply@aider.chat>\nCo-authored-by: Claude <noreply@anthropic.com>",
    );
    const expected = [
      "author:copilot-swe-agent[bot]",
      "co-author:Aider <noreply@aider.chat>",
      "co-author:Claude <noreply@anthropic.com>",
      "commit-message:generated-with-claude-code",
      "label:AI-assisted",
    ];
    expect(detectAi(pr, commits, ai)).toEqual({ aiAssisted: true, aiEvidence: expected });
    expect(detectAi(pr, [...commits].reverse(), ai).aiEvidence).toEqual(expected);
  });

  it("uses the repository's additions", () => {
    const { config } = parseRepoConfig(
      "ai:\n  authors: [our-agent]\n  coAuthorPatterns: ['<agent@acme\\.dev>$']\n  labels: [robot-made]\n",
    );
    const pr = pullRequest({ author: human("Our-Agent"), labels: ["Robot-Made"] });
    const commits = withMessages("x\n\nCo-authored-by: Helper <AGENT@acme.dev>");
    expect(detectAi(pr, commits, config.ai).aiEvidence).toEqual([
      "author:Our-Agent",
      "co-author:Helper <AGENT@acme.dev>",
      "label:Robot-Made",
    ]);
    expect(detectAi(pr, commits, ai).aiAssisted).toBe(false);
  });

  it("reads a trailer padded with 60 KB of blanks as its value (scanned, not backtracked)", () => {
    const padded = `Work\n\nCo-authored-by: Claude <noreply@anthropic.com>${" \t".repeat(30_000)}\r\nmore`;
    expect(detectAi(pullRequest(), withMessages(padded), ai).aiEvidence).toEqual([
      "co-author:Claude <noreply@anthropic.com>",
    ]);
    const blank = `Work\n\nCo-authored-by:${" ".repeat(60_000)}x`;
    expect(detectAi(pullRequest(), withMessages(blank), ai).aiEvidence).toEqual([]);
  });

  it("runs a repository's catastrophic pattern on the linear-time engine, with a correct result", () => {
    const { config, error } = parseRepoConfig("ai:\n  coAuthorPatterns: ['^(a+)+$']\n");
    expect(error).toBeNull();
    // V8's backtracking needs ~2^n steps here; RE2 reads each character once.
    const failing = withMessages(`x\n\nCo-authored-by: ${"a".repeat(5_000)}!`);
    const matching = withMessages(`x\n\nCo-authored-by: ${"A".repeat(5_000)}`);
    expect(detectAi(pullRequest(), failing, config.ai).aiAssisted).toBe(false);
    expect(detectAi(pullRequest(), matching, config.ai).aiEvidence).toEqual([
      `co-author:${"A".repeat(5_000)}`,
    ]);
  });
});
