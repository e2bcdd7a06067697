import { z } from "zod";
import { ResourceDefinition, bridge } from "../../provider/dynamic";
import { memoryLogger } from "../../provider/log";
import { stateSchema } from "../../provider/resourceClass";
import { fakeClock } from "../support/fakeClock";

const inputs = z.object({ name: z.string().min(1), size: z.number().int().default(10), adopt: z.boolean().default(false) }).strict();
const thingState = stateSchema({
  /** The vendor's id. */
  objectId: z.string(),
  /** Disk size in GB; null when the vendor does not say. */
  sizeGb: z.number().nullable(),
  /** The object's addresses. */
  addresses: z.array(z.object({ address: z.string(), primary: z.boolean() })),
});

const seen: Record<string, unknown>[] = [];
const seenFirst = () => seen[0] as Record<string, unknown>;
const definition: ResourceDefinition<z.output<typeof inputs>, typeof thingState> = {
  kind: "test:Thing",
  inputs,
  state: thingState,
  migrations: [
    {
      name: "sizeGb was stored as a string of digits",
      applies: (stored) => typeof stored.sizeGb === "string",
      migrate: (stored) => ({ ...stored, sizeGb: Number(stored.sizeGb) }),
    },
  ],
  replaceOnChanges: [],
  async create(input) {
    return { id: "obj-1", state: { objectId: "obj-1", sizeGb: input.size, addresses: [] } };
  },
  async read(_id, state) {
    seen.push(state);
    return { objectId: state.objectId, sizeGb: state.sizeGb, addresses: state.addresses };
  },
  async update(_id, olds, news) {
    seen.push(olds);
    return { objectId: olds.objectId, sizeGb: news.size, addresses: olds.addresses };
  },
  async delete(_id, state) {
    seen.push(state);
  },
};
const logger = memoryLogger();
const provider = bridge(definition, { logger, clock: fakeClock(), settings: () => undefined });
const stored = { name: "a", size: 10, adopt: false, objectId: "obj-1", sizeGb: 10, addresses: [{ address: "192.0.2.1", primary: true }], __provider: "stub" };

beforeEach(() => {
  seen.length = 0;
  logger.lines.length = 0;
});

test("state that fits reaches resource code, inputs normalized as check would (a default added later is filled)", async () => {
  const { adopt: _adopt, ...withoutAdopt } = stored;
  const result = await provider.read("obj-1", withoutAdopt);
  expect(seen[0]).toEqual({ name: "a", size: 10, adopt: false, objectId: "obj-1", sizeGb: 10, addresses: [{ address: "192.0.2.1", primary: true }] });
  expect(result.props).toMatchObject({ adopt: false, sizeGb: 10 });
});

test("null for no value (a refresh) and a state property an interrupted create never wrote pass", async () => {
  const { addresses: _addresses, ...partial } = stored;
  await provider.update("obj-1", { ...partial, sizeGb: null }, { name: "a", size: 20, adopt: false });
  expect(seen[0]).toMatchObject({ objectId: "obj-1", sizeGb: null });
  expect(seen[0]).not.toHaveProperty("addresses");
});

test("a named migration repairs old state before the check, and says so at debug", async () => {
  const result = await provider.read("obj-1", { ...stored, sizeGb: "10" });
  expect(seenFirst().sizeGb).toBe(10);
  expect(result.props).toMatchObject({ sizeGb: 10 });
  expect(logger.lines).toEqual(["debug: test:Thing obj-1: stored state migrated: sizeGb was stored as a string of digits"]);
});

test("state that does not fit fails naming the kind, the id, the property and what was expected; resource code never sees it", async () => {
  await expect(provider.read("obj-1", { ...stored, objectId: 42 })).rejects.toThrow(
    "test:Thing obj-1: the stored state does not fit this version of pulumi-euro-hosting (objectId: Invalid input: expected string, received number)",
  );
  await expect(provider.delete("obj-1", { ...stored, addresses: [{ address: "192.0.2.1", primary: "yes" }] })).rejects.toThrow(
    "(addresses.0.primary: Invalid input: expected boolean, received string)",
  );
  await expect(provider.update("obj-1", { ...stored, size: "big" }, { name: "a", size: 20, adopt: false })).rejects.toThrow(
    "(size: Invalid input: expected number, received string)",
  );
  expect(seen).toEqual([]);
});
