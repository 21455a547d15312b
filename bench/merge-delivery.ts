import { randomUUID } from "node:crypto";
import type { InstallationOctokit } from "../src/github/index.js";
import type { SimulatedRepo } from "./simulated-repo.js";
import { signBody } from "./webhook-signature.js";

/** A webhook delivery as GitHub sends it: headers and the exact body they sign. */
export interface Delivery {
  id: string;
  event: string;
  body: string;
  headers: Record<string, string>;
}

export function signDelivery(event: string, payload: unknown, secret: string): Delivery {
  const id = randomUUID();
  const body = JSON.stringify(payload);
  return {
    id,
    event,
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/bench",
      "x-github-delivery": id,
      "x-github-event": event,
      "x-hub-signature-256": signBody(body, secret),
    },
  };
}

/**
 * Merges an open PR in the simulated organisation and builds the `pull_request.closed` delivery GitHub
 * would send for it, from the simulator's own REST answers for the PR and its repository.
 */
export async function mergeAndBuildDelivery(
  target: SimulatedRepo,
  octokit: InstallationOctokit,
  secret: string,
): Promise<{ number: number; delivery: Delivery }> {
  const open = target.sim.org.pulls(target.repo).find((pull) => pull.closedAt === null);
  if (!open) throw new Error(`${target.owner}/${target.repo} has no open PR to merge`);
  target.sim.org.mergePullRequest(target.repo, open.number);
  const { owner, repo } = target;
  const { data: pullRequest } = await octokit.rest.pulls.get({ owner, repo, pull_number: open.number });
  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  const payload = {
    action: "closed",
    number: open.number,
    pull_request: pullRequest,
    repository,
    organization: { login: owner, id: target.sim.org.id },
    installation: { id: target.installationId },
    sender: pullRequest.merged_by ?? pullRequest.user,
  };
  return { number: open.number, delivery: signDelivery("pull_request", payload, secret) };
}

export async function postDelivery(appUrl: string, delivery: Delivery): Promise<void> {
  const response = await fetch(`${appUrl}/api/github/webhooks`, {
    method: "POST",
    headers: delivery.headers,
    body: delivery.body,
  });
  if (!response.ok) {
    throw new Error(`the app answered the delivery with ${response.status}: ${await response.text()}`);
  }
}
