import type { CollationOptions, CommandStartedEvent, Document, ExplainVerbosity } from "mongodb";
import type { Store } from "../../src/storage/store.js";
import { useTestDatabase } from "./database.js";

/** A filter the code under test sent: a find's (an aggregate's leading `$match` too), or an update's. */
export interface SentFilter {
  kind: "find" | "update";
  collection: string;
  filter: Document;
  /** A find's collation: an any-case index answers only a query that names its collation. */
  collation?: CollationOptions;
}

/**
 * Whether a write's filter finds its document by a point lookup: the key fields alone (equalities),
 * or led by the document's `_id` when it carries conditions. The embedded server's `explain` does not
 * follow its write path, which scans for key fields plus conditions but not for an `_id`-led filter.
 */
export function isPointWrite({ filter }: SentFilter): boolean {
  const conditional = Object.entries(filter).some(
    ([field, value]) =>
      field.startsWith("$") || (typeof value === "object" && value !== null && !isId(value)),
  );
  return !conditional || Object.keys(filter)[0] === "_id";
}

const isId = (value: object) => value.constructor.name === "ObjectId";

/** The residual filter of a plan's FETCH stage, wherever it sits under projection or limit stages. */
function fetchFilter(plan: Document | undefined): Document | undefined {
  if (!plan) return undefined;
  if (plan.stage === "FETCH") return plan.filter as Document | undefined;
  return fetchFilter(plan.inputStage as Document | undefined);
}

/**
 * A test database whose client reports every command, so a test can record the filters the code
 * sends and have the server explain them: a filter the server cannot plan on an index scans the
 * whole collection each time, which slows a store down as it grows.
 */
export function useMonitoredDatabase(): {
  store: () => Store;
  sent: SentFilter[];
  collectionScans: (filters: readonly SentFilter[]) => Promise<string[]>;
  offIndex: (filters: readonly SentFilter[]) => Promise<string[]>;
  docsExamined: (one: SentFilter) => Promise<number>;
} {
  const db = useTestDatabase({ monitorCommands: true });
  const sent: SentFilter[] = [];

  beforeAll(() => {
    db.connection()
      .getClient()
      .on("commandStarted", (event: CommandStartedEvent) => {
        const collection = String(event.command[event.commandName]);
        if (event.commandName === "find") {
          const collation = event.command.collation as CollationOptions | undefined;
          sent.push({ kind: "find", collection, filter: event.command.filter as Document, collation });
        }
        const [head] = (event.command.pipeline ?? []) as Document[];
        if (event.commandName === "aggregate" && head && "$match" in head) {
          sent.push({ kind: "find", collection, filter: head.$match as Document });
        }
        if (event.commandName === "update") {
          for (const update of event.command.updates as Array<{ q: Document }>) {
            sent.push({ kind: "update", collection, filter: update.q });
          }
        }
      });
  });

  const explain = async ({ collection, filter, collation }: SentFilter, verbosity: ExplainVerbosity) => {
    const mongo = db.connection().db;
    if (!mongo) throw new Error("the monitored database is not open yet");
    const cursor = mongo.collection(collection).find(filter, collation ? { collation } : {});
    return cursor.explain(verbosity);
  };
  const planOf = async (one: SentFilter): Promise<string> =>
    JSON.stringify(((await explain(one, "queryPlanner")).queryPlanner as Document).winningPlan);
  const describe = (one: SentFilter) => `${one.collection} ${JSON.stringify(one.filter)}`;

  return {
    store: db.store,
    sent,
    collectionScans: async (filters) => {
      const scans: string[] = [];
      for (const one of filters) {
        if ((await planOf(one)).includes("COLLSCAN")) scans.push(describe(one));
      }
      return scans;
    },
    // Stricter: the whole filter must be the index's bounds. A FETCH that re-checks a residual filter
    // means the index served only part of it, and the server read every document of that part.
    offIndex: async (filters) => {
      const off: string[] = [];
      for (const one of filters) {
        const plan = JSON.parse(await planOf(one)) as Document;
        if (JSON.stringify(plan).includes("COLLSCAN") || fetchFilter(plan)) off.push(describe(one));
      }
      return off;
    },
    // What the server read to answer the filter (the whole match, before any sort or limit).
    docsExamined: async (one) =>
      Number(((await explain(one, "executionStats")).executionStats as Document).totalDocsExamined),
  };
}
