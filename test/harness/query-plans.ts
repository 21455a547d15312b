import type { CommandStartedEvent, Document } from "mongodb";
import type { Store } from "../../src/storage/store.js";
import { useTestDatabase } from "./database.js";

/** A filter the code under test sent: a find's, or the query of an update. */
export interface SentFilter {
  kind: "find" | "update";
  collection: string;
  filter: Document;
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

/**
 * A test database whose client reports every command, so a test can record the filters the code
 * sends and have the server explain them: a filter the server cannot plan on an index scans the
 * whole collection each time, which slows a store down as it grows.
 */
export function useMonitoredDatabase(): {
  store: () => Store;
  sent: SentFilter[];
  collectionScans: (filters: readonly SentFilter[]) => Promise<string[]>;
} {
  const db = useTestDatabase({ monitorCommands: true });
  const sent: SentFilter[] = [];

  beforeAll(() => {
    db.connection()
      .getClient()
      .on("commandStarted", (event: CommandStartedEvent) => {
        const collection = String(event.command[event.commandName]);
        if (event.commandName === "find") {
          sent.push({ kind: "find", collection, filter: event.command.filter as Document });
        }
        if (event.commandName === "update") {
          for (const update of event.command.updates as Array<{ q: Document }>) {
            sent.push({ kind: "update", collection, filter: update.q });
          }
        }
      });
  });

  const planOf = async ({ collection, filter }: SentFilter): Promise<string> => {
    const mongo = db.connection().db;
    if (!mongo) throw new Error("the monitored database is not open yet");
    const explained = await mongo.collection(collection).find(filter).explain("queryPlanner");
    return JSON.stringify((explained.queryPlanner as Document).winningPlan);
  };

  return {
    store: db.store,
    sent,
    collectionScans: async (filters) => {
      const scans: string[] = [];
      for (const one of filters) {
        if ((await planOf(one)).includes("COLLSCAN"))
          scans.push(`${one.collection} ${JSON.stringify(one.filter)}`);
      }
      return scans;
    },
  };
}
