import { Agenda } from "agenda";
import { MongoBackend } from "@agendajs/mongo-backend";
import type { Collection, Db } from "mongodb";
import { isDuplicateKeyError } from "../storage/write/upsert-if-newer.js";
import { jobOptions, jobPayloads, type JobName, type JobPayload } from "./job-definitions.js";

export const JOBS_COLLECTION = "jobs";

export interface QueueOptions {
  /** How often a worker polls for due jobs. */
  processEvery?: string | number;
  /** Names this process answers to in the jobs collection (`lastModifiedBy`), for operators. */
  name?: string;
}

export interface Queue {
  agenda: Agenda;
  jobs: Collection;
}

/** Agenda over our database; the same queue enqueues (webhooks, Lambda, CLI) and processes (worker). */
export async function createQueue(db: Db, options: QueueOptions = {}): Promise<Queue> {
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: db, collection: JOBS_COLLECTION }),
    processEvery: options.processEvery ?? "5 seconds",
    name: options.name,
    removeOnComplete: true,
  });
  await agenda.ready;
  // One live job per piece of work, even when two webhook servers enqueue the same PR at once. Finished
  // jobs are removed (removeOnComplete, and the worker removes exhausted ones), so only live jobs count.
  await db
    .collection(JOBS_COLLECTION)
    .createIndex(
      { name: 1, "data.installationId": 1, "data.repoId": 1, "data.number": 1 },
      { unique: true, name: "one_live_job_per_work" },
    );
  return { agenda, jobs: db.collection(JOBS_COLLECTION) };
}

export type EnqueueResult = "queued" | "already-queued";

/**
 * Validates the payload and queues the job, unless the same work is already queued or running
 * (a repeated merge event or a redelivery then finds the job already there). With `bringForward`, such
 * a job waiting until later than `at` (default: now) is moved to `at`: a merge does not wait behind an
 * open PR's debounced completion, and the two cost one fetch.
 */
export async function enqueue<N extends JobName>(
  queue: Queue,
  name: N,
  payload: JobPayload<N>,
  options: { at?: Date; bringForward?: boolean } = {},
): Promise<EnqueueResult> {
  const data = jobPayloads[name].parse(payload) as Record<string, unknown>;
  const unique = Object.fromEntries(jobOptions[name].dedupeBy.map((key) => [`data.${key}`, data[key]]));
  const existing = await queue.jobs.findOne({ name, ...unique }, { projection: { _id: 1 } });
  if (existing) {
    // Only a job waiting for its time: a running one keeps its lock (it reruns itself if it fell behind).
    if (options.bringForward) {
      const runAt = options.at ?? new Date();
      await queue.jobs.updateOne(
        { _id: existing._id, lockedAt: null, nextRunAt: { $gt: runAt } },
        { $set: { nextRunAt: runAt } },
      );
    }
    return "already-queued";
  }
  const job = queue.agenda.create(name, data);
  if (options.at) job.schedule(options.at);
  // Two enqueuers that both saw no job both insert; the unique index lets exactly one of them through.
  try {
    await job.save();
    return "queued";
  } catch (error) {
    if (isDuplicateKeyError(error)) return "already-queued";
    throw error;
  }
}
