import { createToken } from "../../src/api/tokens.js";
import { useTestDatabase } from "../harness/database.js";
import { useApiServer } from "./harness.js";
import { seedInstallation, seedPullRequests, seedRepository } from "./seed.js";
import { seedInbox } from "./seed-inbox.js";

const db = useTestDatabase();
const api = useApiServer(db.store, () => new Date("2024-06-01T00:00:00Z"));
let token: string;

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 1, "acme");
  await seedRepository(store, 1, 11, "acme/widgets", {
    syncStatus: "complete",
    lastSyncAt: new Date("2024-05-01T04:00:00Z"),
  });
  await seedRepository(store, 1, 12, "acme/gadgets", {
    syncStatus: "error",
    lastSyncError: "rate limited, retrying",
  });
  await seedRepository(store, 2, 21, "globex/secret", { syncStatus: "syncing" });
  await seedPullRequests(store, [
    { installationId: 1, repoId: 11, repo: "acme/widgets", number: 1 },
    { installationId: 1, repoId: 11, repo: "acme/widgets", number: 2 },
    { installationId: 2, repoId: 21, repo: "globex/secret", number: 1 },
  ]);
  token = (await createToken(store, { installationId: 1 })).token;
  const at = (iso: string) => new Date(iso);
  await seedInbox(store, [
    { id: "d-1", installationId: 1, state: "pending", receivedAt: at("2024-05-31T22:00:00Z") },
    { id: "d-2", installationId: 1, state: "pending", receivedAt: at("2024-05-31T23:30:00Z") },
    { id: "d-3", installationId: 1, state: "failed", receivedAt: at("2024-05-30T10:00:00Z") },
    { id: "d-4", installationId: 1, state: "applied", receivedAt: at("2024-05-31T21:00:00Z") },
    // Another installation's older backlog is not this token's to see.
    { id: "d-5", installationId: 2, state: "pending", receivedAt: at("2024-05-01T00:00:00Z") },
    { id: "d-6", installationId: 2, state: "failed", receivedAt: at("2024-05-01T00:00:00Z") },
  ]);
});

describe("GET /api/v1/sync", () => {
  it("reports each repository of the installation", async () => {
    const response = await api.get("/api/v1/sync", token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      repos: [
        {
          repo: "acme/gadgets",
          status: "error",
          lastSyncAt: null,
          lastError: "rate limited, retrying",
          prsStored: 0,
        },
        {
          repo: "acme/widgets",
          status: "complete",
          lastSyncAt: "2024-05-01T04:00:00.000Z",
          lastError: null,
          prsStored: 2,
        },
      ],
      inbox: {
        pending: 2,
        oldestPendingAt: "2024-05-31T22:00:00.000Z",
        oldestPendingAgeSeconds: 7200,
        setAside: 1,
      },
    });
  });

  it("returns CSV on request", async () => {
    const csv = await (await api.get("/api/v1/sync?format=csv", token)).text();
    expect(csv).toBe(
      "repo,status,lastSyncAt,lastError,prsStored\n" +
        'acme/gadgets,error,,"rate limited, retrying",0\n' +
        "acme/widgets,complete,2024-05-01T04:00:00.000Z,,2\n",
    );
  });
});
