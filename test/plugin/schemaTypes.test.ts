import { z } from "zod";
import { SchemaNaming, SchemaPath, SchemaTypes, Side, TypeSpec, isRequired } from "../../provider/plugin/schemaTypes";

/** Object types named after their path; doc comments and declared types from tables. */
function naming(docs: Record<string, string> = {}, declared: Record<string, TypeSpec> = {}): SchemaNaming {
  return {
    objectToken: (path: SchemaPath) => `test:m:${path.join(".") || "Root"}`,
    describe: (path: SchemaPath) => docs[path.join(".")],
    declaredType: (path: SchemaPath) => declared[path.join(".")],
  };
}

const typeOf = (schema: z.ZodType, side: Side = "input", types = new SchemaTypes()) => types.typeOf(schema, side, ["p"], naming());

test.each<[string, z.ZodType, Side, TypeSpec]>([
  ["a string", z.string().trim().min(1), "input", { type: "string" }],
  ["a number", z.number().min(0.5), "input", { type: "number" }],
  ["a whole number", z.number().int(), "input", { type: "integer" }],
  ["z.int()", z.int(), "input", { type: "integer" }],
  ["a boolean with a default", z.boolean().default(false), "input", { type: "boolean" }],
  ["an enum: a plain string", z.enum(["on", "off"]), "input", { type: "string" }],
  ["integer literals", z.union([z.literal(301), z.literal(302)]), "input", { type: "integer" }],
  ["a string or a number", z.union([z.string(), z.number()]), "input", { oneOf: [{ type: "string" }, { type: "number" }] }],
  ["a whole number or a fraction", z.union([z.number().int(), z.number()]), "input", { type: "number" }],
  ["nullable and optional", z.string().nullable().optional(), "output", { type: "string" }],
  ["null in a union", z.union([z.number(), z.null()]), "output", { type: "number" }],
  ["an array", z.array(z.string()).min(2), "input", { type: "array", items: { type: "string" } }],
  ["a map", z.record(z.string(), z.number()), "output", { type: "object", additionalProperties: { type: "number" } }],
  ["anything", z.unknown(), "input", { $ref: "pulumi.json#/Any" }],
  ["a normalizing pipe, input side", z.string().transform((value) => value.toLowerCase()).pipe(z.enum(["a", "b"])), "input", { type: "string" }],
  ["a normalizing pipe, output side", z.union([z.string(), z.number()]).pipe(z.coerce.string()), "output", { type: "string" }],
  // A transform's result has no declared type: the output keeps what went in.
  ["a transform, output side", z.string().default("@").transform((value) => value.trim()), "output", { type: "string" }],
])("%s", (_, schema, side, expected) => {
  expect(typeOf(schema, side)).toEqual(expected);
});

test("an object becomes a named object type, with its properties' descriptions and required list", () => {
  const types = new SchemaTypes();
  const schema = z.object({ create: z.string().optional(), size: z.number(), kind: z.string().default("ssd") }).strict();
  const type = types.typeOf(schema, "input", ["timeouts"], naming({ "timeouts.size": "Gigabytes." }));
  expect(type).toEqual({ $ref: "#/types/test:m:timeouts" });
  expect(types.types["test:m:timeouts"]).toEqual({
    type: "object",
    properties: { create: { type: "string" }, size: { type: "number", description: "Gigabytes." }, kind: { type: "string" } },
    required: ["size"],
  });
});

test("array items and map values are named at `[]` of their property", () => {
  const types = new SchemaTypes();
  types.typeOf(z.array(z.object({ diskId: z.string() })), "output", ["disks"], naming());
  types.typeOf(z.record(z.string(), z.object({ ttl: z.number() })), "output", ["recordSets"], naming());
  expect(Object.keys(types.types)).toEqual(["test:m:disks.[]", "test:m:recordSets.[]"]);
});

test("a discriminated union: one object type per variant, the discriminator a constant in each", () => {
  const types = new SchemaTypes();
  const schema = z.discriminatedUnion("type", [
    z.object({ type: z.literal("organization"), orgNumber: z.string() }),
    z.object({ type: z.literal("person"), personId: z.string() }),
  ]);
  expect(types.typeOf(schema, "input", ["registrant"], naming())).toEqual({
    oneOf: [{ $ref: "#/types/test:m:registrant.=organization" }, { $ref: "#/types/test:m:registrant.=person" }],
    discriminator: {
      propertyName: "type",
      mapping: { organization: "#/types/test:m:registrant.=organization", person: "#/types/test:m:registrant.=person" },
    },
  });
  expect(types.types["test:m:registrant.=person"]).toEqual({
    type: "object",
    properties: { type: { type: "string", const: "person" }, personId: { type: "string" } },
    required: ["type", "personId"],
  });
});

test("a z.custom() takes the type the declarations give it, and fails without one", () => {
  const schema = z.object({ priority: z.custom<number>().optional() });
  const types = new SchemaTypes();
  expect(types.objectProperties(schema, "input", [], naming({}, { priority: { type: "number" } })).properties).toEqual({ priority: { type: "number" } });
  expect(() => new SchemaTypes().objectProperties(schema, "input", [], naming())).toThrow(/priority: a z.custom\(\) whose declared type is not known/);
});

test("a zod type with no Pulumi counterpart fails with its path", () => {
  expect(() => typeOf(z.date())).toThrow(/^p: a zod date has no Pulumi schema type/);
});

test("zod's own description stands in for a missing doc comment", () => {
  const schema = z.object({ derived: z.unknown().optional().describe("Set by check."), documented: z.string().describe("zod's") });
  const { properties } = new SchemaTypes().objectProperties(schema, "input", [], naming({ documented: "The doc comment." }));
  expect(properties.derived.description).toBe("Set by check.");
  expect(properties.documented.description).toBe("The doc comment.");
});

test("an object's properties come from inside a refined or transformed schema", () => {
  const schema = z
    .object({ name: z.string(), ttl: z.number().default(3600) })
    .strict()
    .superRefine(() => undefined)
    .transform((args) => ({ ...args, extra: true }));
  const { properties, required } = new SchemaTypes().objectProperties(schema, "input", [], naming());
  expect(Object.keys(properties)).toEqual(["name", "ttl"]);
  expect(required).toEqual(["name"]);
});

test.each<[string, z.ZodType, boolean, boolean]>([
  // [what, schema, required as input, required as output]
  ["plain", z.string(), true, true],
  ["optional", z.string().optional(), false, false],
  ["defaulted: optional in, always out", z.number().default(1), false, true],
  ["nullable: must be given in, may be null out", z.string().nullable(), true, false],
  ["null in a union", z.union([z.literal(900), z.null()]), true, false],
  ["a transformed default", z.string().default("@").transform((value) => value), false, true],
])("required: %s", (_, schema, input, output) => {
  expect([isRequired(schema, "input"), isRequired(schema, "output")]).toEqual([input, output]);
});

test("one name given to an input and an output shape: a type that takes the values of both", () => {
  const types = new SchemaTypes();
  const docs = naming({ "os.osId": "The system to install." });
  types.typeOf(z.object({ osId: z.union([z.string(), z.number()]), hostname: z.string(), extra: z.string().optional() }), "input", ["os"], docs);
  types.typeOf(z.object({ osId: z.string(), hostname: z.string().nullable(), installedAt: z.string() }), "output", ["os"], naming());
  expect(types.types["test:m:os"]).toEqual({
    type: "object",
    properties: {
      osId: { oneOf: [{ type: "string" }, { type: "number" }], description: "The system to install." },
      hostname: { type: "string" },
      extra: { type: "string" },
      installedAt: { type: "string" },
    },
    required: ["osId"],
  });
});
