import { metricsParams, pullsParams } from "../../src/query/params.js";

describe("query parameters", () => {
  const now = () => new Date("2024-06-01T00:00:00Z");

  it.each([
    ["2024-05-01", "2024-05-01T00:00:00.000Z"],
    ["2024-05-01T12:30:00Z", "2024-05-01T12:30:00.000Z"],
    ["2024-05-01T12:30:00+02:00", "2024-05-01T10:30:00.000Z"],
  ])("reads %s as %s UTC", (since, expected) => {
    expect(pullsParams.parse({ since }).since?.toISOString()).toBe(expected);
  });

  it("defaults metrics to the 30 days before now", () => {
    expect(metricsParams(now).parse({})).toEqual({
      format: "json",
      since: new Date("2024-05-02T00:00:00Z"),
      until: new Date("2024-06-01T00:00:00Z"),
    });
  });

  it.each(["week", "repo", "author", "reviewer"])("accepts groupBy=%s", (groupBy) => {
    expect(metricsParams(now).parse({ groupBy }).groupBy).toBe(groupBy);
  });

  it("counts 30 days back from a given until", () => {
    expect(metricsParams(now).parse({ until: "2024-03-01" }).since).toEqual(new Date("2024-01-31T00:00:00Z"));
  });

  it("defaults the list to 50 items", () => {
    expect(pullsParams.parse({}).limit).toBe(50);
  });
});
