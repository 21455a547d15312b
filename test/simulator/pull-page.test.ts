import { startSimulator, type Simulator } from "../../src/simulator/server.js";

/** The page behind a simulated PR's html_url, which the demo's dashboard links to. */
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: "pull-page", repos: 1, prsPerRepo: 3 });
});

afterAll(async () => {
  await sim.stop();
});

describe("GET /<owner>/<repo>/pull/<n> on the simulator", () => {
  it("answers an HTML summary of the pull request, its text escaped", async () => {
    const repo = sim.org.repos[0];
    const pull = sim.org.pulls(repo.name)[1];
    const response = await fetch(`${sim.url}/${repo.fullName}/pull/2`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    const escaped = pull.title.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
    expect(html).toContain(`<h1>${repo.fullName}#2: ${escaped}</h1>`);
    expect(html).toContain(`<dt>Author</dt><dd>${pull.author.login}</dd>`);
    expect(html).toContain("simulated GitHub organisation");
  });

  it("answers GitHub's JSON 404 for a pull request or repository that does not exist", async () => {
    const repo = sim.org.repos[0];
    for (const path of [`/${repo.fullName}/pull/99`, `/${sim.org.login}/nope/pull/1`, "/other/x/pull/1"]) {
      const response = await fetch(sim.url + path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(await response.json()).toMatchObject({ message: "Not Found" });
    }
  });
});
