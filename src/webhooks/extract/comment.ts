import type { CommentKind, CommentRecord } from "../../records/types.js";
import type { RepoEventPayload } from "../schemas/common.js";
import type { CommentPayload } from "../schemas/comment.js";
import { toActor } from "./actor.js";

/** `issue`: a conversation comment (issue_comment on a PR); `review`: an inline review comment. */
export function extractComment(
  payload: RepoEventPayload & { comment: CommentPayload },
  kind: CommentKind,
  prNumber: number,
): CommentRecord {
  const { comment } = payload;
  return {
    installationId: payload.installation.id,
    repoId: payload.repository.id,
    prNumber,
    kind,
    commentId: comment.id,
    author: toActor(comment.user),
    createdAt: comment.created_at,
    updatedAt: comment.updated_at,
  };
}
