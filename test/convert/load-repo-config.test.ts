import nock from "nock";
import { ProbotOctokit } from "probot";
import { loadRepoConfigFile } from "../../src/convert/load-repo-config.js";

const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });
const octokit = new Octokit();
const api = () => nock("https://api.github.com");
const FILE = "contents/.github%2Fmergelens.yml";
/** GitHub answers `Accept: application/vnd.github.raw` with the text as text/plain. */
const yaml = (text: string) => [200, text, { "content-type": "text/plain; charset=utf-8" }] as const;

describe("loadRepoConfigFile (Probot's config API)", () => {
  it("gives the repository's file as parsed YAML", async () => {
    api()
      .get(`/repos/acme/widgets/${FILE}`)
      .reply(...yaml("bots: [ci-robot]\nai:\n  labels: [robot-made]\n"));
    await expect(loadRepoConfigFile(octokit, "acme/widgets")).resolves.toEqual({
      raw: { bots: ["ci-robot"], ai: { labels: ["robot-made"] } },
    });
  });

  it("gives null when neither the repository nor the owner's .github repository has the file", async () => {
    api().get(`/repos/acme/widgets/${FILE}`).reply(404, { message: "Not Found" });
    api().get(`/repos/acme/.github/${FILE}`).reply(404, { message: "Not Found" });
    await expect(loadRepoConfigFile(octokit, "acme/widgets")).resolves.toEqual({ raw: null });
  });

  it("falls back to the owner's .github repository", async () => {
    api().get(`/repos/acme/widgets/${FILE}`).reply(404, { message: "Not Found" });
    api()
      .get(`/repos/acme/.github/${FILE}`)
      .reply(...yaml("bots: [org-robot]\n"));
    await expect(loadRepoConfigFile(octokit, "acme/widgets")).resolves.toEqual({
      raw: { bots: ["org-robot"] },
    });
  });

  it("keeps a file that is a list as a list, for the schema to reject", async () => {
    api()
      .get(`/repos/acme/widgets/${FILE}`)
      .reply(...yaml("- ci-robot\n"));
    await expect(loadRepoConfigFile(octokit, "acme/widgets")).resolves.toEqual({ raw: ["ci-robot"] });
  });

  it("reports broken YAML as the file's problem, in one line", async () => {
    api()
      .get(`/repos/acme/widgets/${FILE}`)
      .reply(...yaml("bots: [ci-robot\nai: x"));
    const loaded = await loadRepoConfigFile(octokit, "acme/widgets");
    expect(loaded).toEqual({
      error: expect.stringMatching(/^\.github\/mergelens\.yml: .*line 2, column 1:$/),
    });
  });

  it("throws when GitHub fails, so nothing wrong is cached", async () => {
    api().get(`/repos/acme/widgets/${FILE}`).reply(502, { message: "Bad Gateway" });
    await expect(loadRepoConfigFile(octokit, "acme/widgets")).rejects.toMatchObject({ status: 502 });
  });
});
