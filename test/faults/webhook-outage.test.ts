import { randomUUID } from "node:crypto";
import { loadRepoConfigFile } from "../../src/convert/load-repo-config.js";
import type { SentAttempt } from "../../src/simulator/webhook-sender.js";
import type { Simulator } from "../../src/simulator/server.js";
import { findDeliveries, inboxStorage, summarizeInbox } from "../../src/storage/inbox/index.js";
import { createSyncHooks } from "../../src/sync/hooks.js";
import { createQueue, enqueue, type Queue } from "../../src/sync/queue.js";
import { useTestDatabase } from "../harness/database.js";
import { simulatedWebhooks } from "../sync/helpers/simulated-deliveries.js";
import { startTestSimulator, trackOrg } from "../sync/helpers/simulated-github.js";
import { waitFor } from "../sync/helpers/wait-for.js";
import type { Delivery } from "../webhooks/helpers/fixtures.js";
import { startAppProcess, type AppProcess } from "./helpers/app-process.js";
import { tolerant, useOwnDatabaseServer } from "./helpers/own-database.js";
import { storedRecords, storedSnapshot } from "./helpers/snapshot.js";
import { expireInboxClaims } from "./helpers/take-over.js";
import { webhookTraffic } from "./helpers/webhook-traffic.js";

/**
 * `npm start` (compiled) taking GitHub's webhooks when its database stops (issues 9 and 12): every
 * delivery sent while the database is down is refused (503, within the 9 s the test gives GitHub),
 * never acknowledged, and the app acknowledges again once it returns. At the second outage the app is
 * SIGKILLed before the database returns, holding acknowledged deliveries it has not applied. Database
 * and app restart, GitHub redelivers what failed when the product's hourly job asks it to, and the
 * stored records equal a fault-free run of the same deliveries.
 */
const SECRET = "fault-test-webhook-secret";
const PULLS = 6;
const EDITS = 4;
/** Under GitHub's 10 s: the issue asks for a refusal within 9 s. */
const ANSWER_WITHIN_MS = 9_000;

const dbName = `fault_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
const database = useOwnDatabaseServer(dbName);
const reference = useTestDatabase();
let sim: Simulator;
let traffic: Delivery[];
let app: AppProcess | undefined;
let queue: Queue | undefined;

beforeAll(async () => {
  sim = await startTestSimulator({ repos: 1, prsPerRepo: 20 });
  await trackOrg(database.store(), sim.org);
  await trackOrg(reference.store(), sim.org);
  traffic = await webhookTraffic(sim, { pulls: PULLS, edits: EDITS });
});
afterAll(async () => {
  app?.kill("SIGKILL");
  await app?.exited;
  await queue?.agenda.stop().catch(() => undefined);
  await sim?.stop();
});

const send = (deliveries: Delivery[]): Promise<SentAttempt[]> =>
  Promise.all(deliveries.map((delivery) => sim.webhooks.deliver(delivery.name, delivery.payload)));
const statuses = (attempts: SentAttempt[]) => attempts.map((attempt) => attempt.delivery.status);
const guids = (attempts: SentAttempt[]) => attempts.map((attempt) => attempt.delivery.guid);

/** The deliveries cut into consecutive parts of these sizes, the rest last. */
function split(deliveries: Delivery[], sizes: number[]): Delivery[][] {
  const ends = sizes.map((_, index) => sizes.slice(0, index + 1).reduce((sum, size) => sum + size, 0));
  const starts = [0, ...ends];
  return [...ends, deliveries.length].map((end, index) => deliveries.slice(starts[index], end));
}

/** The app's /healthz status, or null while it does not answer. */
const healthz = (port: number): Promise<number | null> =>
  fetch(`http://127.0.0.1:${port}/healthz`).then(
    (response) => response.status,
    () => null,
  );

async function faultFreeRun(repoId: number) {
  const mongo = reference.connection().db;
  if (!mongo) throw new Error("no reference database handle");
  const hooks = createSyncHooks(await createQueue(mongo), { BACKFILL_DAYS: 90 }, reference.store());
  const webhooks = await simulatedWebhooks(sim, reference.store(), hooks, {
    loadRepoConfig: loadRepoConfigFile,
  });
  for (const delivery of traffic) await webhooks.deliver(delivery.name, delivery.payload);
  return storedRecords(reference.store(), repoId);
}

it("refuses deliveries while the database is down and loses none it acknowledged, across a SIGKILL", async () => {
  const repoId = sim.org.repos[0].id;
  const expected = await faultFreeRun(repoId);
  for (const pr of expected.pullRequests) expect(pr.title).toMatch(new RegExp(`\\(edit ${EDITS}\\)$`));
  expect([expected.pullRequests.length, expected.comments.length, expected.reviews.length]).toEqual([
    PULLS,
    PULLS,
    PULLS,
  ]);
  const [before, firstOutage, between, secondOutage, whileDead, after] = split(traffic, [8, 4, 6, 4, 2]);

  // GitHub's answer for the repository's config hangs: the app acknowledges deliveries but applies none.
  const hang = sim.injectFault({
    kind: "graphqlTimeout",
    delayMs: 120_000,
    times: Infinity,
    match: (request) => request.api === "rest" && request.route.includes("/contents/"),
  });
  const started = await startAppProcess(
    sim,
    { dbName, serverUri: database.uri() },
    { webhookSecret: SECRET },
  );
  app = started;
  sim.webhooks.setTarget({ url: started.webhookUrl, secret: SECRET, timeoutMs: ANSWER_WITHIN_MS });
  const acknowledged = await send(before);
  expect(statuses(acknowledged)).toEqual(before.map(() => "OK"));
  await waitFor(async () => hang.hits() >= 1);
  // Nothing else is in the inbox: what it holds pending is what the app acknowledged.
  const inbox = () => summarizeInbox(inboxStorage(database.store()));
  expect((await inbox()).counts).toEqual({ pending: before.length, applied: 0, failed: 0 });

  // The database stops: every delivery is refused in time, none acknowledged.
  await database.stop();
  const refused = await send(firstOutage);
  expect(statuses(refused)).toEqual(firstOutage.map(() => "Invalid HTTP Response: 503"));

  // It returns while the app runs: once /healthz says so, deliveries are acknowledged again.
  await database.restart();
  await waitFor(async () => (await healthz(started.port)) === 200, 30_000);
  const acknowledgedAgain = await send(between);
  expect(statuses(acknowledgedAgain)).toEqual(between.map(() => "OK"));
  // Also held: any refused delivery whose insert the driver still had queued when the database returned
  // (answered 503 all the same; GitHub's redelivery of it is then a duplicate, stored once).
  const { counts } = await inbox();
  expect(counts).toMatchObject({ applied: 0, failed: 0 });
  expect(counts.pending).toBeGreaterThanOrEqual(before.length + between.length);

  // It stops again, and this time the app dies before it returns.
  await database.stop();
  const refusedAgain = await send(secondOutage);
  expect(statuses(refusedAgain)).toEqual(secondOutage.map(() => "Invalid HTTP Response: 503"));

  // The app dies before the database returns; GitHub cannot reach it either.
  started.kill("SIGKILL");
  expect(await started.exited).toMatchObject({ signal: "SIGKILL" });
  const unreachable = await send(whileDead);
  expect(statuses(unreachable)).toEqual(whileDead.map(() => "failed to connect to host"));

  // Both come back; the dead app's claims run out (a minute, moved back here); traffic goes on.
  await database.restart();
  hang.clear();
  expect(await waitFor(tolerant(() => expireInboxClaims(database.store())))).toBeGreaterThan(0);
  app = await startAppProcess(
    sim,
    { dbName, serverUri: database.uri() },
    { webhookSecret: SECRET, port: started.port },
  );
  expect(statuses(await send(after))).toEqual(after.map(() => "OK"));

  // An hour on, the product's redelivery job asks GitHub to send again what failed (about one a
  // second: Octokit's throttling spaces an app's writes, as GitHub asks).
  const mongo = database.store().db.db;
  if (!mongo) throw new Error("no database handle");
  queue = await createQueue(mongo);
  expect(await enqueue(queue, "redeliver-failed-webhooks", {}, { bringForward: true })).toBe(
    "already-queued",
  );
  const failed = new Set([...guids(refused), ...guids(refusedAgain), ...guids(unreachable)]);
  const redelivered = () => sim.webhooks.attempts.filter((attempt) => attempt.delivery.redelivery);
  await waitFor(async () => redelivered().length >= failed.size, 30_000);
  await sim.webhooks.idle();
  expect(new Set(guids(redelivered()))).toEqual(failed);
  expect(statuses(redelivered())).toEqual([...failed].map(() => "OK"));

  // Everything GitHub delivered is applied once, and the records are the fault-free run's.
  await waitFor(async () => (await inbox()).counts.pending === 0, 30_000);
  // What the dead app had stored may be redelivered and stored again: each delivery id is applied once.
  const deliveries = await findDeliveries(inboxStorage(database.store()));
  expect(deliveries.filter((delivery) => delivery.state !== "applied")).toEqual([]);
  expect(new Set(deliveries.map((delivery) => delivery.id)).size).toBe(traffic.length);
  expect(await storedRecords(database.store(), repoId)).toEqual(expected);
  expect(await storedSnapshot(database.store(), repoId)).toEqual(
    await storedSnapshot(reference.store(), repoId),
  );
}, 120_000);
