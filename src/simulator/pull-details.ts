import type { World } from "./generate-pull.js";
import type {
  CheckRunModel,
  CommitModel,
  FileModel,
  IssueCommentModel,
  PullModel,
  ReviewCommentModel,
  ReviewModel,
  TimelineEventModel,
} from "./model.js";
import { generateCheckRuns } from "./pull-checks.js";
import { generateCommits, generateFiles } from "./pull-code.js";
import { generateIssueComments, generateReviewComments, generateReviews } from "./pull-reviews.js";
import { buildTimeline } from "./pull-timeline.js";

/** One PR's nested lists, each generated the first time it is asked for. */
export class PullDetails {
  private readonly memo = new Map<string, unknown>();

  constructor(
    private readonly world: World,
    readonly pull: PullModel,
    private readonly language: string,
  ) {}

  private once<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }

  commits(): CommitModel[] {
    return this.once("commits", () => generateCommits(this.world, this.pull));
  }
  files(): FileModel[] {
    return this.once("files", () => generateFiles(this.world, this.pull, this.language));
  }
  reviews(): ReviewModel[] {
    return this.once("reviews", () => generateReviews(this.world, this.pull, this.commits()));
  }
  reviewComments(): ReviewCommentModel[] {
    return this.once("reviewComments", () =>
      generateReviewComments(this.world, this.pull, this.reviews(), this.files()),
    );
  }
  issueComments(): IssueCommentModel[] {
    return this.once("issueComments", () => generateIssueComments(this.world, this.pull));
  }
  checkRuns(): CheckRunModel[] {
    return this.once("checkRuns", () => generateCheckRuns(this.world, this.pull));
  }
  timeline(): TimelineEventModel[] {
    return this.once("timeline", () => buildTimeline(this.pull, this.reviews()));
  }
}

/**
 * Keeps the details of the PRs most recently asked for, so paging through one PR's lists does not
 * regenerate them each page, while memory stays flat however many PRs the organisation has.
 */
export class DetailsCache {
  private readonly entries = new Map<string, PullDetails>();

  constructor(private readonly capacity = 64) {}

  get(key: string, make: () => PullDetails): PullDetails {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const made = make();
    this.entries.set(key, made);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value ?? key);
    return made;
  }
}
