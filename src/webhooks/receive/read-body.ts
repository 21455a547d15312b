import type { IncomingMessage } from "node:http";

export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`the body is larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * Reads the request body as UTF-8, refusing it as soon as it passes `limit`: a declared length over the
 * limit before a byte is read, a body that grows past it while streaming. Nothing over the limit is
 * ever held in memory, and the stream is left flowing (what follows is dropped), not destroyed, so the
 * sender can still read the refusal. Hand-written: Node has no bounded reader and the body is needed as
 * a string for the signature.
 */
export async function readBoundedBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      request.resume();
      reject(new BodyTooLargeError(limit));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size).toString("utf8"));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    request.on("data", onData);
    request.once("end", onEnd);
    request.once("error", onError);
  });
}
