import type { InstallationOctokit } from "../../../src/github/index.js";
import type { Simulator } from "../../../src/simulator/server.js";
import { simulatorProbot } from "../../sync/helpers/simulated-github.js";
import { edit, example, type Delivery, type Payload } from "../../webhooks/helpers/fixtures.js";

const MINUTE = 60_000;

/**
 * Webhook traffic for the simulated organisation's first repository, in the order GitHub sends it: each
 * of `pulls` PRs edited `edits` times (a new title, GitHub's `updated_at` a minute later each time), with
 * an issue comment after the first edit and a review after the second. The PRs are the simulator's own
 * REST answers; comments and reviews are GitHub's example payloads pointed at them.
 */
export async function webhookTraffic(
  sim: Simulator,
  options: { pulls: number; edits: number },
): Promise<Delivery[]> {
  const octokit: InstallationOctokit = await simulatorProbot(sim).auth(sim.org.installationId);
  const owner = sim.org.login;
  const repo = sim.org.repos[0];
  const { data: repository } = await octokit.rest.repos.get({ owner, repo: repo.name });
  const context = {
    repository,
    installation: { id: sim.org.installationId },
    organization: { login: owner, id: sim.org.id },
  };
  const numbers = sim.org
    .pulls(repo.name)
    .slice(0, options.pulls)
    .map((pull) => pull.number);
  const pulls = await Promise.all(
    numbers.map(
      async (number) => (await octokit.rest.pulls.get({ owner, repo: repo.name, pull_number: number })).data,
    ),
  );

  const rounds: Delivery[][] = [];
  for (let round = 1; round <= options.edits; round++) {
    const deliveries: Delivery[] = [];
    for (const pull of pulls) {
      const at = new Date(new Date(pull.updated_at).getTime() + round * MINUTE).toISOString();
      const edited = { ...pull, title: `${pull.title} (edit ${round})`, updated_at: at };
      const previous = round === 1 ? pull.title : `${pull.title} (edit ${round - 1})`;
      deliveries.push({
        name: "pull_request",
        payload: {
          action: "edited",
          number: pull.number,
          pull_request: edited,
          changes: { title: { from: previous } },
          ...context,
          sender: pull.user,
        },
      });
      if (round === 1) deliveries.push(issueComment(pull, at, context));
      if (round === 2) deliveries.push(review(pull, at, context));
    }
    rounds.push(deliveries);
  }
  return rounds.flat();
}

type Pull = Awaited<ReturnType<InstallationOctokit["rest"]["pulls"]["get"]>>["data"];

/** Ids GitHub would give: distinct per PR, far from the simulator's own. */
const idFor = (kind: number, pull: Pull) => 7_000_000_000 + kind * 1_000_000 + pull.number;

function issueComment(pull: Pull, at: string, context: Payload): Delivery {
  return {
    name: "issue_comment",
    payload: edit(example("issue_comment", "created"), {
      ...context,
      sender: pull.user,
      "issue.number": pull.number,
      "issue.title": pull.title,
      "issue.user": pull.user,
      "issue.pull_request": { url: pull.url, html_url: pull.html_url, diff_url: pull.diff_url },
      "comment.id": idFor(1, pull),
      "comment.user": pull.user,
      "comment.body": "Looks right to me.",
      "comment.created_at": at,
      "comment.updated_at": at,
    }),
  };
}

function review(pull: Pull, at: string, context: Payload): Delivery {
  return {
    name: "pull_request_review",
    payload: edit(example("pull_request_review", "submitted"), {
      ...context,
      pull_request: pull,
      sender: pull.user,
      "review.id": idFor(2, pull),
      "review.user": { login: "octo-reviewer", id: 4_242_424, type: "User" },
      "review.state": "approved",
      "review.submitted_at": at,
      "review.commit_id": pull.head.sha,
    }),
  };
}
