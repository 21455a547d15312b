import type { Account } from "./model.js";

/** The organisation's people and the bots real repositories see, with GitHub's real bot ids. */
const HUMAN_NAMES = [
  "Ada Lovelace",
  "Grace Hopper",
  "Linus Pauling",
  "Katherine Johnson",
  "Alan Kay",
  "Barbara Liskov",
  "Dennis Ritchie",
  "Frances Allen",
  "Edsger Dijkstra",
  "Margaret Hamilton",
  "Ken Thompson",
  "Radia Perlman",
  "Donald Knuth",
  "Shafi Goldwasser",
  "John Backus",
  "Hedy Lamarr",
  "Niklaus Wirth",
  "Sophie Wilson",
  "Tim Berners",
  "Adele Goldberg",
  "Leslie Lamport",
  "Jean Sammet",
  "Bjarne Stroustrup",
  "Mary Keller",
];

export const HUMANS: readonly Account[] = HUMAN_NAMES.map((name, i) => ({
  login: name.toLowerCase().replace(" ", "-"),
  id: 5_100_000 + i * 37,
  type: "User",
  name,
}));

const bot = (login: string, id: number): Account => ({ login, id, type: "Bot", name: login });

export const BOTS = {
  dependabot: bot("dependabot[bot]", 49699333),
  renovate: bot("renovate[bot]", 29139614),
  actions: bot("github-actions[bot]", 41898282),
  // GitHub's Copilot coding agent: `Copilot` in REST and webhooks, its app slug in GraphQL.
  copilotAgent: { ...bot("Copilot", 198982749), graphqlLogin: "copilot-swe-agent" },
  devin: bot("devin-ai-integration[bot]", 158243242),
  claude: bot("claude[bot]", 209825114),
  copilotReviewer: bot("copilot-pull-request-reviewer[bot]", 175728472),
  coderabbit: bot("coderabbitai[bot]", 136622811),
  vercel: bot("vercel[bot]", 35613825),
  codecov: bot("codecov[bot]", 22429695),
} as const;

/** A human-looking automation account that only a repository's `.github/mergelens.yml` marks as a bot. */
export const RELEASE_BOT: Account = {
  login: "release-train",
  id: 5_200_001,
  type: "User",
  name: "Release Train",
};

export const AI_AGENTS: readonly Account[] = [BOTS.copilotAgent, BOTS.devin, BOTS.claude];
export const REVIEW_BOTS: readonly Account[] = [BOTS.copilotReviewer, BOTS.coderabbit];

/** The email GitHub shows for a commit author. */
export function commitEmail(account: Account): string {
  return `${account.id}+${account.login}@users.noreply.github.com`;
}
