import { useTestDatabase } from "../harness/database.js";
import { useApiServer } from "../api/harness.js";
import { seedInstallation, seedRepository } from "../api/seed.js";
import { cliRunner } from "./harness.js";

const db = useTestDatabase();
const api = useApiServer(db.store);
const cli = cliRunner(db.store);

beforeAll(async () => {
  await seedInstallation(db.store(), 1, "acme");
  await seedInstallation(db.store(), 2, "Globex");
  await seedRepository(db.store(), 1, 11, "acme/widgets");
});

const created = (stdout: string) => {
  const match = /^id: (\S+)\ntoken: (mlk_\S+)\n$/.exec(stdout);
  if (!match) throw new Error(`unexpected output: ${stdout}`);
  return { id: match[1], token: match[2] };
};

describe("mergelens token", () => {
  it("creates a token the API accepts, lists it, and revokes it", async () => {
    const create = await cli("token", "create", "--installation", "acme", "--name", "ci");
    expect(create.code).toBe(0);
    expect(create.stderr).toMatch(/cannot be shown again/);
    const { id, token } = created(create.stdout);

    const allowed = await api.get("/api/v1/sync", token);
    expect(allowed.status).toBe(200);
    expect((await allowed.json()).repos.map((r: { repo: string }) => r.repo)).toEqual(["acme/widgets"]);

    const list = await cli("token", "list", "--format", "json");
    expect(list.code).toBe(0);
    const listed = JSON.parse(list.stdout);
    expect(listed).toEqual([
      {
        id,
        installationId: 1,
        name: "ci",
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        revokedAt: null,
      },
    ]);
    expect(list.stdout).not.toContain(token);

    const table = await cli("token", "list");
    expect(table.stdout).toContain(id);

    const revoke = await cli("token", "revoke", id);
    expect([revoke.code, revoke.stdout]).toEqual([0, expect.stringContaining(`revoked ${id}`)]);
    expect((await api.get("/api/v1/sync", token)).status).toBe(401);
  });

  it("takes an installation id or an account login in any case", async () => {
    const byId = await cli("token", "create", "--installation", "2");
    const byLogin = await cli("token", "create", "--installation", "globex");
    expect([byId.code, byLogin.code]).toEqual([0, 0]);
    const ids = [created(byId.stdout).id, created(byLogin.stdout).id];
    const tokens = JSON.parse((await cli("token", "list", "--format", "json")).stdout);
    expect(
      tokens
        .filter((t: { id: string }) => ids.includes(t.id))
        .map((t: { installationId: number }) => t.installationId),
    ).toEqual([2, 2]);
  });

  it("fails with exit 1 and a clear message for an unknown installation", async () => {
    const result = await cli("token", "create", "--installation", "initech");
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: expect.stringMatching(
        /no installation with id or account login "initech"; known: acme \(1\), Globex \(2\)/,
      ),
    });
  });

  it("fails with exit 1 to revoke an unknown token", async () => {
    const result = await cli("token", "revoke", "nope");
    expect([result.code, result.stderr]).toEqual([1, "mergelens: no token with id nope\n"]);
  });

  it("is a usage error (exit 2) without --installation", async () => {
    const result = await cli("token", "create");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/required option '--installation <id\|login>' not specified/);
  });
});
