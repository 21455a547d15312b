import { createHmac, randomUUID } from "node:crypto";
import type { SimulatedOrg } from "../simulator/generate-org.js";

/**
 * What GitHub sends when an organisation installs the app (the shape of @octokit/webhooks-examples'
 * installation.created), for every repository of the simulated organisation.
 */
export function installationCreatedPayload(org: SimulatedOrg, appId: number): Record<string, unknown> {
  const account = { login: org.login, id: org.id, type: "Organization" };
  return {
    action: "created",
    installation: {
      id: org.installationId,
      account,
      repository_selection: "all",
      app_id: appId,
      target_id: org.id,
      target_type: "Organization",
      permissions: {
        metadata: "read",
        pull_requests: "read",
        checks: "read",
        contents: "read",
        deployments: "read",
      },
      events: ["pull_request", "pull_request_review", "check_suite", "deployment_status"],
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
      single_file_name: null,
      suspended_at: null,
      suspended_by: null,
    },
    repositories: org.repos.map((repo) => ({
      id: repo.id,
      node_id: `R_demo${repo.id}`,
      name: repo.name,
      full_name: repo.fullName,
      private: repo.private,
    })),
    sender: { login: org.login, id: org.id, type: "Organization" },
  };
}

/** POSTs one delivery to the app's webhook endpoint, signed as GitHub signs it (HMAC-SHA256 of the body). */
export async function deliverWebhook(options: {
  port: number;
  secret: string;
  event: string;
  payload: unknown;
}): Promise<void> {
  const body = JSON.stringify(options.payload);
  const signature = createHmac("sha256", options.secret).update(body).digest("hex");
  const response = await fetch(`http://127.0.0.1:${options.port}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": options.event,
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": `sha256=${signature}`,
    },
    body,
  });
  if (!response.ok) {
    throw new Error(`the ${options.event} delivery was refused: ${response.status} ${await response.text()}`);
  }
}
