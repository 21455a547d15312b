import { BOTS } from "../../src/simulator/people.js";
import { getMetrics } from "../../src/query/metrics.js";
import { createSyncHooks } from "../../src/sync/hooks.js";
import { completePullRequest } from "../../src/sync/jobs/complete-pull-request.js";
import { createQueue } from "../../src/sync/queue.js";
import { simulatedWebhooks } from "./helpers/simulated-deliveries.js";
import { jobRun, simulatorDeps, simulatorProbot, useSimulatedOrg } from "./helpers/simulated-github.js";

/**
 * One identity per account (issue 11): the Copilot coding agent (`Copilot` in REST and webhooks, its
 * app slug in the simulator's GraphQL, as on GitHub) and an app bot (`dependabot[bot]` / `dependabot`),
 * each seen through a webhook for one PR and through the sync's GraphQL for another.
 */
const { db, sim, ref } = useSimulatedOrg({ repos: 1, prsPerRepo: 120 });

const repoName = () => sim().org.repos[0].name;
/** Two merged PRs by the account: the first arrives by webhook, the second by the sync. */
function twoMergedBy(login: string) {
  const pulls = sim()
    .org.pulls(repoName())
    .filter((pull) => pull.author.login === login && pull.mergedAt !== null);
  if (pulls.length < 2) throw new Error(`the simulated repository has fewer than two merged PRs by ${login}`);
  return [pulls[0], pulls[1]];
}

async function storeBothWays(numbers: [number, number]) {
  const mongo = db.connection().db;
  if (!mongo) throw new Error("no database handle");
  const hooks = createSyncHooks(await createQueue(mongo), { BACKFILL_DAYS: 60 }, db.store());
  const webhooks = await simulatedWebhooks(sim(), db.store(), hooks);
  await webhooks.pullRequest("closed", numbers[0]);
  const deps = simulatorDeps(db.store(), simulatorProbot(sim()));
  await completePullRequest(jobRun("complete-pull-request", { ...ref(), number: numbers[1] }), deps);
  return db
    .store()
    .pullRequests.find({ ...ref(), number: { $in: numbers } })
    .sort({ number: 1 })
    .lean();
}

describe("an account seen through webhooks and through sync", () => {
  it.each([
    ["the Copilot coding agent", BOTS.copilotAgent.login, "Copilot"],
    ["an app bot", BOTS.dependabot.login, "dependabot[bot]"],
  ])("stores %s as one account, in one author group", async (_name, login, shown) => {
    const [viaWebhook, viaSync] = twoMergedBy(login);
    const stored = await storeBothWays([viaWebhook.number, viaSync.number]);

    expect(stored.map((pr) => pr.author)).toEqual([
      { login: shown, id: viaWebhook.author.id, type: "Bot" },
      { login: shown, id: viaWebhook.author.id, type: "Bot" },
    ]);
    const { groups } = await getMetrics(db.store(), sim().org.installationId, {
      since: new Date(Math.min(...stored.map((pr) => pr.createdAt.getTime()))),
      until: new Date(Date.now() + 86_400_000),
      groupBy: "author",
    });
    expect(groups.map((group) => [group.key, group.prsMerged])).toEqual([[shown, 2]]);
  });

  it("names the agent the same in AI evidence whichever path stored its PR", async () => {
    const [viaWebhook, viaSync] = twoMergedBy(BOTS.copilotAgent.login);
    const stored = await storeBothWays([viaWebhook.number, viaSync.number]);
    for (const pr of stored) expect(pr.aiEvidence).toContain("author:Copilot");
  });
});
