import type { Store } from "../storage/store.js";

/**
 * What the CLI tells the user (on stderr) about the database it opened when MONGODB_URI is unset: a
 * command that silently reads a fresh, empty embedded database answers "not found" or empty tables,
 * which looks like lost data rather than the wrong database.
 */
export async function embeddedDatabaseNotice(store: Store, storagePath: string): Promise<string> {
  const opened = `MONGODB_URI is unset: using the embedded database in ${storagePath}`;
  const holdsData =
    (await store.installations.findOne({}, { _id: 1 }).lean()) !== null ||
    (await store.pullRequests.findOne({}, { _id: 1 }).lean()) !== null;
  if (holdsData) return `${opened}\n`;
  return (
    `${opened}, which holds no data.\n` +
    "To read a running app's data, set MONGODB_URI to the database it uses (npm run demo prints its " +
    "own; with npm start, the MONGODB_URI it was started with). An app started without MONGODB_URI " +
    "keeps its data here, readable by the CLI while the app is stopped.\n"
  );
}
