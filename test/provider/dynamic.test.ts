import { z } from "zod";
import { ResourceDefinition, bridge, timeoutsInput } from "../../provider/dynamic";
import { UNKNOWN, definedOnly, sameValue, validateInputs } from "../../provider/inputs";
import { ApiError } from "../../provider/errors";
import { memoryLogger } from "../../provider/log";
import { fakeClock } from "../support/fakeClock";

const inputs = z
  .object({
    name: z.string().min(1),
    size: z.number().int().min(1).default(10),
    zone: z.string(),
    adopt: z.boolean().default(false),
    timeouts: timeoutsInput,
  })
  .strict();
type I = z.output<typeof inputs>;
const thingState = z.object({ objectId: z.string(), note: z.string().optional() });
type S = I & z.output<typeof thingState>;

const calls: string[] = [];
const definition: ResourceDefinition<I, typeof thingState, S> = {
  kind: "test:Thing",
  inputs,
  state: thingState,
  replaceOnChanges: ["zone"],
  ignoreChanges: ["adopt", "timeouts"],
  deleteBeforeReplace: true,
  defaultTimeouts: { create: 1234 },
  checkChange: (olds, news) => (news.size < olds.size ? [{ property: "size", reason: "can only grow" }] : []),
  async create(input, context) {
    calls.push(`create timeout=${context.remaining()}`);
    return { id: "obj-1", state: { ...input, objectId: "obj-1", note: undefined } };
  },
  async read(id, state) {
    return id === "gone" ? undefined : { ...state, size: 99 };
  },
  async update(_id, _olds, news) {
    return { ...news, objectId: "obj-1" };
  },
  async delete() {},
};
const provider = bridge(definition, { logger: memoryLogger(), clock: fakeClock(), settings: () => undefined });

describe("check", () => {
  test("normalizes inputs, applies defaults and keeps the provider out of the result", async () => {
    const result = await provider.check({}, { name: "a", zone: "z", __provider: "stub" });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({ name: "a", zone: "z", size: 10, adopt: false });
  });

  test("reports each failure against its property, nested ones with a dotted path", async () => {
    const result = await provider.check({}, { name: "", size: 0.5, zone: "z", timeouts: { create: "soon" }, extra: 1 });
    expect(result.failures.map((f) => f.property).sort()).toEqual(["extra", "name", "size", "timeouts.create"]);
    expect(result.failures.find((f) => f.property === "timeouts.create")?.reason).toContain('"soon" is not a duration');
  });

  test("an unknown property is named, with the nearest valid one suggested, at any depth", async () => {
    const result = await provider.check({}, { name: "a", zone: "z", sise: 3, colour: "red", timeouts: { craete: "1m" } });
    expect([...result.failures].sort((a, b) => a.property.localeCompare(b.property))).toEqual([
      { property: "colour", reason: 'unknown property "colour"; valid properties: name, size, zone, adopt, timeouts' },
      { property: "sise", reason: 'unknown property "sise"; did you mean "size"?' },
      { property: "timeouts.craete", reason: 'unknown property "craete"; did you mean "create"?' },
    ]);
  });

  test("values unknown during preview are not judged", async () => {
    const result = await provider.check({}, { name: "a", zone: UNKNOWN, size: UNKNOWN });
    expect(result.failures).toEqual([]);
    expect(result.inputs.zone).toBe(UNKNOWN);
  });

  test("checkChange compares with the old inputs", async () => {
    const result = await provider.check({ name: "a", zone: "z", size: 20 }, { name: "a", zone: "z", size: 10 });
    expect(result.failures).toEqual([{ property: "size", reason: "can only grow" }]);
  });
});

describe("diff", () => {
  const olds = { name: "a", zone: "z", size: 10, adopt: false, objectId: "obj-1", __provider: "old stub" };
  test.each([
    ["nothing changed (provider text ignored)", { name: "a", zone: "z", size: 10, adopt: false, __provider: "new stub" }, false, [], []],
    ["in-place change", { name: "b", zone: "z", size: 10 }, true, [], ["name"]],
    ["replace-only change", { name: "a", zone: "y", size: 10 }, true, ["zone"], ["zone"]],
    ["ignored inputs", { name: "a", zone: "z", size: 10, adopt: true, timeouts: { create: "5m" } }, false, [], []],
    ["unknown value", { name: UNKNOWN, zone: "z", size: 10 }, true, [], ["name"]],
  ])("%s", async (_label, news, changes, replaces, diffs) => {
    const result = await provider.diff("obj-1", olds, news);
    expect(result.changes).toBe(changes);
    expect(result.diffs).toEqual(diffs);
    expect(result.replaces).toEqual(replaces);
    expect(result.deleteBeforeReplace).toBe(replaces.length > 0);
  });
});

describe("detailedDiff hook", () => {
  test("the bridge passes the definition's detailed diff through, without the provider text; none without the hook", async () => {
    const seen: Record<string, unknown>[] = [];
    const withHook = bridge(
      {
        ...definition,
        detailedDiff: (olds, news) => {
          seen.push(olds, news);
          return { 'sets["www A"]': { kind: "update", inputDiff: true } };
        },
      },
      { logger: memoryLogger(), clock: fakeClock(), settings: () => undefined },
    );
    const result = await withHook.diff("obj-1", { name: "a", zone: "z", __provider: "old" }, { name: "b", zone: "z", __provider: "new" });
    expect(result.detailedDiff).toEqual({ 'sets["www A"]': { kind: "update", inputDiff: true } });
    expect(seen).toEqual([{ name: "a", zone: "z" }, { name: "b", zone: "z" }]);
    expect((await provider.diff("obj-1", { name: "a", zone: "z" }, { name: "b", zone: "z" })).detailedDiff).toBeUndefined();
  });
});

describe("lifecycle adapter", () => {
  test("create passes the default timeout and returns outputs without undefined", async () => {
    const result = await provider.create({ name: "a", zone: "z", size: 10, adopt: false, __provider: "stub" });
    expect(result.id).toBe("obj-1");
    expect(result.outs).toEqual({ name: "a", zone: "z", size: 10, adopt: false, objectId: "obj-1" });
    expect(calls).toContain("create timeout=1234");
  });

  test("a requested timeout overrides the default", async () => {
    await provider.create({ name: "a", zone: "z", size: 10, timeouts: { create: "2m" } });
    expect(calls).toContain("create timeout=120000");
  });

  test("read returns refreshed props and matching inputs, or an empty id when gone", async () => {
    const read = await provider.read("obj-1", { name: "a", zone: "z", size: 10, objectId: "obj-1", __provider: "stub" });
    expect(read.props).toMatchObject({ size: 99, objectId: "obj-1" });
    // Stored inputs pass through the input schema first (provider/storedState.ts): the default of `adopt` is filled in.
    expect(read.inputs).toEqual({ name: "a", zone: "z", size: 99, adopt: false });
    expect(await provider.read("gone", { name: "a" })).toEqual({ id: "", props: {} });
  });
});

test.each([
  [null, undefined, true],
  [[1, { a: null }], [1, {}], true],
  [{ a: 1 }, { a: 2 }, false],
  [[1, 2], [1], false],
  ["1", 1, false],
])("sameValue(%p, %p) = %p", (a, b, expected) => {
  expect(sameValue(a, b)).toBe(expected);
});

test("definedOnly drops undefined deeply and turns array holes into null", () => {
  expect(definedOnly({ a: undefined, b: { c: undefined, d: 1 }, e: [undefined, 2] })).toEqual({ b: { d: 1 }, e: [null, 2] });
});

test("validateInputs accepts unknown-only failures", () => {
  const schema = z.object({ n: z.number() });
  expect(validateInputs(schema, { n: UNKNOWN }).failures).toEqual([]);
});

describe("initialization failures and refreshed nulls", () => {
  const failing: ResourceDefinition<I, typeof thingState, S> = {
    ...definition,
    async create(input) {
      const { ResourceInitializationError } = await import("../../provider/errors");
      throw new ResourceInitializationError("obj-9", { objectId: "obj-9", note: undefined, nested: { gone: undefined } }, ["still building"]);
    },
  };
  const provider = bridge(failing, { logger: memoryLogger(), clock: fakeClock(), settings: () => undefined });

  test("partial state keeps exactly what the resource chose, without undefined, and the serialized provider", async () => {
    const failure = await provider.create({ name: "a", zone: "z", size: 10, __provider: "stub" }).catch((error) => error);
    expect(failure.id).toBe("obj-9");
    expect(failure.reasons).toEqual(["still building"]);
    // The host loads a later read's or delete's provider from the outputs, which are this partial state.
    expect(failure.properties).toEqual({ objectId: "obj-9", nested: {}, __provider: "stub" });
  });

  test("an update that fails to initialise keeps the new serialized provider in its partial state too", async () => {
    const halfUpdated = bridge(
      {
        ...definition,
        async update() {
          const { ResourceInitializationError } = await import("../../provider/errors");
          throw new ResourceInitializationError("obj-1", { objectId: "obj-1" }, ["still resizing"]);
        },
      },
      { logger: memoryLogger(), clock: fakeClock(), settings: () => undefined },
    );
    const olds = { name: "a", zone: "z", size: 10, objectId: "obj-1", __provider: "old stub" };
    const failure = await halfUpdated.update("obj-1", olds, { name: "a", zone: "z", size: 20, __provider: "new stub" }).catch((error) => error);
    expect(failure.properties).toEqual({ objectId: "obj-1", __provider: "new stub" });
  });

  test("partial state never carries a secret input, whatever the resource code put in (it cannot be marked secret)", async () => {
    const leaky = bridge(
      {
        ...definition,
        secretProperties: ["zone", "objectId"],
        async create(input: Record<string, unknown>) {
          const { ResourceInitializationError } = await import("../../provider/errors");
          throw new ResourceInitializationError("obj-7", { ...input, objectId: "obj-7" }, ["still building"]);
        },
      } as unknown as ResourceDefinition<I, typeof thingState, S>,
      { logger: memoryLogger(), clock: fakeClock(), settings: () => undefined },
    );
    const failure = await leaky.create({ name: "a", zone: "partial-state-secret", size: 10 }).catch((error) => error);
    // The secret input is gone; a secret the vendor generated (objectId here) is the resource code's to keep.
    expect(failure.properties).toEqual({ name: "a", size: 10, objectId: "obj-7" });
  });

  test("null in old inputs (from a refresh) still lets checkChange compare", async () => {
    const result = await provider.check({ name: "a", zone: "z", size: 20, timeouts: null }, { name: "a", zone: "z", size: 10 });
    expect(result.failures).toEqual([{ property: "size", reason: "can only grow" }]);
  });

  test("refreshed inputs leave out nulls", async () => {
    const nullable = bridge({ ...definition, read: async (_id, state) => ({ ...state, size: null as unknown as number }) }, { logger: memoryLogger(), clock: fakeClock(), settings: () => undefined });
    const read = await nullable.read("obj-1", { name: "a", zone: "z", size: 10, objectId: "obj-1" });
    expect(read.inputs).toEqual({ name: "a", zone: "z", adopt: false });
  });
});

describe("vendor refusals that name request fields", () => {
  const refusing = (inputForField?: (field: string) => string) =>
    bridge(
      {
        ...definition,
        inputForField,
        async create() {
          throw new ApiError({ vendor: "Test", method: "POST", path: "/things" }, 422, "Validation failed", undefined, [
            { field: "require_ssl", message: "cannot be changed" },
            { field: "linked_zone.allow_alteration", message: "is required" },
          ]);
        },
      },
      { logger: memoryLogger(), clock: fakeClock(), settings: () => undefined },
    );

  test("name the input properties, in camelCase by default", async () => {
    const failure = await refusing()
      .create({ name: "a", zone: "z", size: 10 })
      .then(() => undefined, (error: Error) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure?.message).toBe(
      "Test API POST /things answered 422: Validation failed — requireSsl: cannot be changed; linkedZone.allowAlteration: is required",
    );
    expect(failure?.stack).toContain("requireSsl: cannot be changed");
  });

  test("or as the resource maps them", async () => {
    const failure = await refusing((field) => (field === "require_ssl" ? "ssl" : field))
      .create({ name: "a", zone: "z", size: 10 })
      .then(() => undefined, (error: Error) => error);
    expect(failure?.message).toContain("— ssl: cannot be changed; linked_zone.allow_alteration: is required");
  });
});

test("a vendor text that only repeats a field error is said once, by the input's name", () => {
  const error = new ApiError({ vendor: "Gigas", method: "POST", path: "/virtual_machine" }, 400, 'cpu_type must be intel (got "amd")', undefined, [
    { field: "cpu_type", message: 'must be intel (got "amd")' },
  ]);
  expect(error.message).toBe('Gigas API POST /virtual_machine answered 400 — cpu_type: must be intel (got "amd")');
  error.namingInputs((field) => (field === "cpu_type" ? "cpuType" : field));
  expect(error.message).toBe('Gigas API POST /virtual_machine answered 400 — cpuType: must be intel (got "amd")');
});
