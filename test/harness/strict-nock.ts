import nock from "nock";

/**
 * Renovate's rule: every HTTP request in a test is mocked, and a mock that is never used or a request
 * that matches no mock fails the test. Loopback stays open for our own servers and the simulator.
 */
const unmatched: string[] = [];
nock.emitter.on("no match", (req: { method?: string; path?: string; host?: string; hostname?: string }) => {
  const host = req.hostname ?? req.host ?? "";
  if (host === "127.0.0.1" || host === "localhost") return;
  unmatched.push(`${req.method ?? "?"} ${host}${req.path ?? ""}`);
});

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  const pending = nock.pendingMocks();
  const seen = unmatched.splice(0);
  nock.cleanAll();
  if (pending.length > 0) throw new Error(`Unused HTTP mocks: ${pending.join(", ")}`);
  if (seen.length > 0) throw new Error(`Unmatched HTTP requests: ${seen.join(", ")}`);
});

afterAll(() => {
  nock.enableNetConnect();
});
