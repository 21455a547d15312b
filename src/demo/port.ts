import { createServer } from "node:net";

/** The demo's port is taken: said in one line, before anything starts (Probot would log a stack). */
export class PortInUseError extends Error {
  override name = "PortInUseError";
  constructor(readonly port: number) {
    super(
      `port ${port} is already in use (another mergelens or demo?): stop it, or run with PORT set to a free port`,
    );
  }
}

/** Resolves when `port` can be listened on the way the app will (all interfaces), else PortInUseError. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new PortInUseError(port) : error),
    );
    probe.listen({ port, host: process.env.HOST }, () => probe.close(() => resolve()));
  });
}
