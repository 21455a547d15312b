import { embeddedDatabaseNotice } from "../../src/cli/database-notice.js";
import { useTestDatabase } from "../harness/database.js";
import { seedInstallation } from "../api/seed.js";

/** What the CLI says on stderr about the embedded database it opened when MONGODB_URI is unset. */
const db = useTestDatabase();
const path = "/home/me/mergelens/.data/mongo";

describe("embeddedDatabaseNotice", () => {
  it("names the database, and with no data in it says how to reach the running app's", async () => {
    const notice = await embeddedDatabaseNotice(db.store(), path);
    const [first, ...rest] = notice.trimEnd().split("\n");
    expect(first).toBe(`MONGODB_URI is unset: using the embedded database in ${path}, which holds no data.`);
    expect(rest.join(" ")).toMatch(/set MONGODB_URI to the database it uses \(npm run demo prints its own/);
  });

  it("only names the database once it holds data", async () => {
    await seedInstallation(db.store(), 1, "acme");
    expect(await embeddedDatabaseNotice(db.store(), path)).toBe(
      `MONGODB_URI is unset: using the embedded database in ${path}\n`,
    );
  });
});
