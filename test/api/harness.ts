import { createApiHandler } from "../../src/api/handler.js";
import type { Store } from "../../src/storage/store.js";
import { startServer } from "./server.js";

/** The API handler behind a real loopback HTTP server for one test file; `get` fetches with a token. */
export function useApiServer(store: () => Store, now?: () => Date) {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  beforeAll(async () => {
    server = await startServer(createApiHandler({ store: store(), now }));
  });
  afterAll(async () => {
    await server?.close();
  });
  const url = (path: string): string => {
    if (!server) throw new Error("the API server is not running yet");
    return server.url + path;
  };
  return {
    url,
    get: (path: string, token?: string, init: RequestInit = {}) =>
      fetch(url(path), { ...init, headers: token ? { authorization: `Bearer ${token}` } : {} }),
  };
}
