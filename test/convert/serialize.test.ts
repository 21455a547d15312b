import { serialized } from "../../src/convert/serialize.js";

/** A task that records its start and end, and finishes when the test says so. */
function gate(log: string[], name: string) {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const task = async () => {
    log.push(`${name} start`);
    await opened;
    log.push(`${name} end`);
    return name;
  };
  return { task, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("serialized", () => {
  it("runs tasks of one key one after another, in order, and tasks of other keys alongside", async () => {
    const log: string[] = [];
    const [a1, a2, b1] = [gate(log, "a1"), gate(log, "a2"), gate(log, "b1")];
    const results = [serialized("a", a1.task), serialized("a", a2.task), serialized("b", b1.task)];
    await tick();
    expect(log).toEqual(["a1 start", "b1 start"]);

    a2.open();
    b1.open();
    await tick();
    expect(log).toEqual(["a1 start", "b1 start", "b1 end"]);

    a1.open();
    await expect(Promise.all(results)).resolves.toEqual(["a1", "a2", "b1"]);
    expect(log).toEqual(["a1 start", "b1 start", "b1 end", "a1 end", "a2 start", "a2 end"]);
  });

  it("runs the next task of a key after one fails, and hands each caller its own outcome", async () => {
    const failing = serialized("c", async () => {
      throw new Error("database down");
    });
    const next = serialized("c", async () => "ran");
    await expect(failing).rejects.toThrow("database down");
    await expect(next).resolves.toBe("ran");
  });
});
