import type { IncomingDelivery } from "../../../src/storage/inbox/index.js";

/** An `issue_comment.created` delivery as the webhook route hands it to the inbox writer. */
export const commentDelivery = (
  id: string,
  options: { installationId?: number; receivedAt?: Date; text?: string } = {},
): IncomingDelivery => ({
  id,
  event: "issue_comment",
  action: "created",
  installationId: options.installationId ?? 1,
  payload: JSON.stringify({ action: "created", id, ...(options.text ? { text: options.text } : {}) }),
  receivedAt: options.receivedAt ?? new Date(),
});
