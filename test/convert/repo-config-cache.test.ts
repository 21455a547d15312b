import type { LoadedRepoConfig } from "../../src/convert/load-repo-config.js";
import {
  forgetRepoConfig,
  getRepoConfig,
  readCachedRepoConfig,
  refetchRepoConfig,
  type RepoConfigSource,
} from "../../src/convert/repo-config-cache.js";
import { DEFAULT_REPO_CONFIG } from "../../src/metrics/repo-config.js";
import { clearStore, useTestDatabase } from "../harness/database.js";

const db = useTestDatabase();
const REPO = { installationId: 1, repoId: 10 };

/** A source whose file the test sets, counting loads and recording reports. */
function fakeSource(file: LoadedRepoConfig) {
  const calls = { loads: 0, reports: [] as string[] };
  const source: RepoConfigSource & { file: LoadedRepoConfig } = {
    store: db.store(),
    file,
    load: async () => {
      calls.loads += 1;
      return source.file;
    },
    report: (error) => calls.reports.push(error),
  };
  return { source, calls };
}

const BAD_KEY = { raw: { bot: ["ci-robot"] } };
const BAD_KEY_ERROR = '.github/mergelens.yml: ✖ Unrecognized key: "bot"';

beforeEach(async () => {
  await clearStore(db.store());
  await db.store().repositories.create({ ...REPO, fullName: "acme/widgets" });
});

describe("getRepoConfig", () => {
  it("loads on a miss, caches the file's additions and answers later calls from the cache", async () => {
    const { source, calls } = fakeSource({ raw: { bots: ["ci-robot"] } });
    const expected = { ...DEFAULT_REPO_CONFIG, bots: ["ci-robot"] };

    await expect(getRepoConfig(source, REPO)).resolves.toEqual(expected);
    await expect(getRepoConfig(source, REPO)).resolves.toEqual(expected);
    expect(calls.loads).toBe(1);
    expect(await db.store().repositories.findOne(REPO).lean()).toMatchObject({
      config: { bots: ["ci-robot"] },
      configError: null,
      configFetchedAt: expect.any(Date),
    });
  });

  it("caches an absent file as the defaults", async () => {
    const { source, calls } = fakeSource({ raw: null });
    await expect(getRepoConfig(source, REPO)).resolves.toEqual(DEFAULT_REPO_CONFIG);
    await expect(readCachedRepoConfig(db.store(), REPO)).resolves.toEqual(DEFAULT_REPO_CONFIG);
    expect(calls).toEqual({ loads: 1, reports: [] });
  });

  it("applies the defaults for a bad file and reports it", async () => {
    const { source, calls } = fakeSource(BAD_KEY);
    await expect(getRepoConfig(source, REPO)).resolves.toEqual(DEFAULT_REPO_CONFIG);
    expect(calls.reports).toEqual([BAD_KEY_ERROR]);
    expect(await db.store().repositories.findOne(REPO).lean()).toMatchObject({
      config: null,
      configError: BAD_KEY_ERROR,
    });
  });

  it("does not cache when the load fails", async () => {
    const { source } = fakeSource({ raw: null });
    source.load = async () => {
      throw new Error("GitHub is down");
    };
    await expect(getRepoConfig(source, REPO)).rejects.toThrow("GitHub is down");
    await expect(readCachedRepoConfig(db.store(), REPO)).resolves.toBeNull();
  });
});

describe("refetchRepoConfig", () => {
  it("reports a bad file once, again only when the problem changes", async () => {
    const { source, calls } = fakeSource(BAD_KEY);
    await refetchRepoConfig(source, REPO);
    await refetchRepoConfig(source, REPO);
    expect(calls.reports).toEqual([BAD_KEY_ERROR]);

    const yamlError = ".github/mergelens.yml: Unexpected end of flow-sequence at line 2, column 1:";
    source.file = { error: yamlError };
    await refetchRepoConfig(source, REPO);
    source.file = { raw: null }; // fixed
    await refetchRepoConfig(source, REPO);
    source.file = BAD_KEY; // broken again
    await refetchRepoConfig(source, REPO);
    expect(calls.reports).toEqual([BAD_KEY_ERROR, yamlError, BAD_KEY_ERROR]);
  });

  it("reports a problem once even when two deliveries fetch it at the same time", async () => {
    const { source, calls } = fakeSource(BAD_KEY);
    await Promise.all([refetchRepoConfig(source, REPO), refetchRepoConfig(source, REPO)]);
    expect(calls.reports).toEqual([BAD_KEY_ERROR]);
  });

  it("loads once when deliveries for an uncached repository arrive together", async () => {
    const { source, calls } = fakeSource(BAD_KEY);
    await Promise.all([
      getRepoConfig(source, REPO),
      getRepoConfig(source, REPO),
      getRepoConfig(source, REPO),
    ]);
    expect(calls).toEqual({ loads: 1, reports: [BAD_KEY_ERROR] });
  });

  it("tells whether the effective config changed", async () => {
    const { source } = fakeSource({ raw: null });
    const changed = async () => (await refetchRepoConfig(source, REPO)).changed;

    expect(await changed()).toBe(true); // a first fetch
    expect(await changed()).toBe(false);
    source.file = { raw: {} }; // an empty file adds nothing
    expect(await changed()).toBe(false);
    source.file = BAD_KEY; // a bad file: still the defaults
    expect(await changed()).toBe(false);
    source.file = { raw: { bots: ["ci-robot"] } };
    expect(await changed()).toBe(true);
    expect(await changed()).toBe(false);

    await forgetRepoConfig(db.store(), REPO);
    await expect(readCachedRepoConfig(db.store(), REPO)).resolves.toBeNull();
    expect(await changed()).toBe(true);
  });
});
