import { parseEnv, githubBaseUrls } from "../src/config/env.js";

describe("parseEnv", () => {
  it("applies CONTRACT.md's defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      BACKFILL_DAYS: 90,
      SYNC_SCHEDULE: "0 4 * * *",
      GHE_PROTOCOL: "https",
      API_RATE_LIMIT_PER_MINUTE: 300,
      OPEN_PR_DEBOUNCE_SECONDS: 30,
    });
    expect(env.MONGODB_URI).toBeUndefined();
  });

  it("treats an empty variable as unset", () => {
    expect(parseEnv({ PORT: "", MONGODB_URI: "" })).toMatchObject({ PORT: 3000, MONGODB_URI: undefined });
  });

  it.each([
    ["PORT", "abc", /^mergelens: invalid environment: PORT: must be a whole number from 1 to 65535$/],
    ["PORT", "70000", /PORT: must be at most 65535/],
    ["BACKFILL_DAYS", "0", /BACKFILL_DAYS: must be at least 1/],
    ["SYNC_SCHEDULE", "every day", /SYNC_SCHEDULE: must be a cron expression/],
    ["OPEN_PR_DEBOUNCE_SECONDS", "3601", /OPEN_PR_DEBOUNCE_SECONDS: must be at most 3600/],
    [
      "MONGODB_URI",
      "postgres://x",
      /MONGODB_URI: must be a mongodb:\/\/ or mongodb\+srv:\/\/ connection string/,
    ],
    ["GHE_PROTOCOL", "ftp", /GHE_PROTOCOL: must be http or https/],
    ["GHE_HOST", "https://ghe.example.com", /GHE_HOST: must be a host name/],
    ["LOG_LEVEL", "loud", /LOG_LEVEL: /],
    ["SENTRY_DSN", "not a url", /SENTRY_DSN: must be a URL/],
    ["APP_ID", "12x", /APP_ID: must be a whole number/],
    ["API_RATE_LIMIT_PER_MINUTE", "-1", /API_RATE_LIMIT_PER_MINUTE: must be a whole number from 0/],
    ["API_RATE_LIMIT_PER_MINUTE", "lots", /API_RATE_LIMIT_PER_MINUTE: must be a whole number/],
    ["PRIVATE_KEY_PATH", "/nonexistent/key.pem", /PRIVATE_KEY_PATH: file does not exist/],
  ])("refuses %s=%s with one line naming it", (name, value, message) => {
    expect(() => parseEnv({ [name]: value })).toThrow(message);
    try {
      parseEnv({ [name]: value });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("\n");
    }
  });

  it("never echoes a secret value in its message", () => {
    expect(() => parseEnv({ PRIVATE_KEY: "hunter2-secret" })).toThrow(
      /PRIVATE_KEY: must be a PEM private key/,
    );
    try {
      parseEnv({ PRIVATE_KEY: "hunter2-secret" });
    } catch (error) {
      expect((error as Error).message).not.toContain("hunter2");
    }
  });

  it("builds GitHub Enterprise URLs from GHE_HOST and GHE_PROTOCOL", () => {
    expect(githubBaseUrls(parseEnv({ GHE_HOST: "127.0.0.1:4010", GHE_PROTOCOL: "http" }))).toEqual({
      rest: "http://127.0.0.1:4010/api/v3",
      graphql: "http://127.0.0.1:4010/api/graphql",
    });
    expect(githubBaseUrls(parseEnv({})).rest).toBe("https://api.github.com");
  });
});
