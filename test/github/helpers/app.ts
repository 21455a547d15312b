import { readFileSync } from "node:fs";
import nock from "nock";
import { testPrivateKey } from "../../harness/private-key.js";
import { Probot } from "probot";
import { getInstallationClient, type GitHubClient } from "../../../src/github/installation-client.js";
import { createOctokitClass, type OctokitSettings } from "../../../src/github/octokit-class.js";

export const API = "https://api.github.com";
export const INSTALLATION_ID = 1;

export const fixture = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/github/${name}`, import.meta.url), "utf8"));

/** Throttling's 1 s spacing of GraphQL calls and plugin-retry's backoff are off unless a test wants them. */
export function createTestApp(settings: OctokitSettings = {}, baseUrl?: string): Probot {
  return new Probot({
    appId: 1,
    baseUrl,
    privateKey: testPrivateKey(),
    logLevel: "fatal",
    Octokit: createOctokitClass({ throttling: false, retry: { enabled: false }, ...settings }),
  });
}

/** GitHub's answer to `POST /app/installations/{id}/access_tokens`, once. */
export function mockAccessToken(token: string, api = API): nock.Scope {
  return nock(api)
    .post(`/app/installations/${INSTALLATION_ID}/access_tokens`)
    .reply(201, {
      ...fixture("access-token.json"),
      token,
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
    });
}

/** A client whose first request mints token `ghs_first`. */
export async function createTestClient(
  settings: OctokitSettings = {},
  reserve?: number,
): Promise<GitHubClient> {
  mockAccessToken("ghs_first");
  return getInstallationClient(createTestApp(settings), INSTALLATION_ID, { reserve });
}
