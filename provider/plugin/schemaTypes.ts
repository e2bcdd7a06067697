// The types of the provider plugin's Pulumi package schema, from the zod schemas of the resource
// kinds (their `inputs` and `state`): what scripts/plugin-schema.js writes to dist/schema.json.
// See https://www.pulumi.com/docs/iac/using-pulumi/extending-pulumi/schema/ ("Type",
// "Property", "Object type").
import type { z } from "zod";

/** A reference to a type: a primitive, an array, a map, a named object type, or a union. */
export interface TypeSpec {
  type?: "boolean" | "integer" | "number" | "string" | "array" | "object";
  items?: TypeSpec;
  additionalProperties?: TypeSpec;
  $ref?: string;
  oneOf?: TypeSpec[];
  discriminator?: { propertyName: string; mapping: Record<string, string> };
}

/** A property of a resource or an object type. */
export interface PropertySpec extends TypeSpec {
  description?: string;
  const?: string | number | boolean;
  secret?: boolean;
  willReplaceOnChanges?: boolean;
}

export interface ObjectTypeSpec {
  type: "object";
  description?: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

/**
 * Inputs are what a program writes (before `check` normalizes them, defaults not applied);
 * outputs what the provider stores and returns (after normalization, defaults applied).
 */
export type Side = "input" | "output";

/**
 * Where a type sits, from the resource: property names, `[]` for the items of an array or
 * the values of a map, `=<value>` for the variant of a discriminated union whose discriminator
 * has that value. `["registrant", "=person", "firstName"]`.
 */
export type SchemaPath = readonly string[];

/** What the zod schemas do not say: the names of object types and the doc comments. */
export interface SchemaNaming {
  /** The type token of the object type at `path`, e.g. "euro-hosting:gigahost:Timeouts". */
  objectToken(path: SchemaPath, side: Side): string;
  /** The doc comment of the property at `path` (or of the object type there), if any. */
  describe(path: SchemaPath, side: Side): string | undefined;
  describeType?(path: SchemaPath, side: Side): string | undefined;
  /**
   * The type the declarations give the property at `path`, for a `z.custom<T>()` (which
   * checks nothing itself, leaving it to a later refinement): T as a Pulumi type.
   */
  declaredType?(path: SchemaPath, side: Side): TypeSpec | undefined;
}

const ANY: TypeSpec = { $ref: "pulumi.json#/Any" };

/** The object types of one schema, by token, filled while properties are converted. */
export class SchemaTypes {
  readonly types: Record<string, ObjectTypeSpec> = {};

  /** The properties of a zod object and which of them are required, on one side. */
  objectProperties(
    object: z.ZodType,
    side: Side,
    path: SchemaPath,
    naming: SchemaNaming,
    constants: Record<string, string | number | boolean> = {},
  ): { properties: Record<string, PropertySpec>; required: string[] } {
    const shape = shapeOf(object);
    if (!shape) throw new Error(`${describePath(path)}: not an object schema`);
    const properties: Record<string, PropertySpec> = {};
    const required: string[] = [];
    for (const [key, schema] of Object.entries(shape)) {
      const at = [...path, key];
      // A doc comment, else zod's own description (of an input no args interface declares).
      const description = naming.describe(at, side) ?? (schema as any).description;
      properties[key] = {
        ...(key in constants ? { type: primitiveOf(constants[key]), const: constants[key] } : this.typeOf(schema, side, at, naming)),
        ...(description ? { description } : {}),
      };
      if (isRequired(schema, side)) required.push(key);
    }
    return { properties, required };
  }

  /** The Pulumi type of a zod schema, on one side; object types it meets are added to `types`. */
  typeOf(schema: z.ZodType, side: Side, path: SchemaPath, naming: SchemaNaming): TypeSpec {
    const inner = unwrap(schema, side);
    const def = (inner as any)._zod.def;
    switch (def.type) {
      case "string":
      case "template_literal":
        return { type: "string" };
      case "number":
        return { type: isInteger(inner) ? "integer" : "number" };
      case "boolean":
        return { type: "boolean" };
      case "literal":
        return primitivesOf(def.values, path);
      case "enum":
        return primitivesOf(Object.values(def.entries), path);
      case "array":
        return { type: "array", items: this.typeOf(def.element, side, [...path, "[]"], naming) };
      case "record":
        return { type: "object", additionalProperties: this.typeOf(def.valueType, side, [...path, "[]"], naming) };
      case "object":
        return { $ref: `#/types/${this.defineObject(inner, side, path, naming)}` };
      case "union":
        return this.unionOf(def, side, path, naming);
      case "custom": {
        const declared = naming.declaredType?.(path, side);
        if (!declared) throw new Error(`${describePath(path)}: a z.custom() whose declared type is not known`);
        return declared;
      }
      case "any":
      case "unknown":
      case "transform":
        return ANY;
      default:
        throw new Error(`${describePath(path)}: a zod ${def.type} has no Pulumi schema type here`);
    }
  }

  private defineObject(
    object: z.ZodType,
    side: Side,
    path: SchemaPath,
    naming: SchemaNaming,
    constants: Record<string, string | number | boolean> = {},
  ): string {
    const token = naming.objectToken(path, side);
    const { properties, required } = this.objectProperties(object, side, path, naming, constants);
    const description = naming.describeType?.(path, side);
    const spec: ObjectTypeSpec = {
      type: "object",
      ...(description ? { description } : {}),
      properties,
      ...(required.length > 0 ? { required } : {}),
    };
    const existing = this.types[token];
    this.types[token] = existing ? widened(existing, spec) : spec;
    return token;
  }

  private unionOf(def: any, side: Side, path: SchemaPath, naming: SchemaNaming): TypeSpec {
    const options = (def.options as z.ZodType[]).filter((option) => !isNullish(option));
    const discriminator: string | undefined = def.discriminator;
    if (discriminator !== undefined) {
      // A discriminated union of objects: one object type per variant, the discriminator a constant in each.
      const mapping: Record<string, string> = {};
      const oneOf = options.map((option) => {
        const value = literalOf(shapeOf(option)?.[discriminator], path);
        const ref = `#/types/${this.defineObject(unwrap(option, side), side, [...path, `=${value}`], naming, { [discriminator]: value })}`;
        mapping[String(value)] = ref;
        return { $ref: ref };
      });
      return { oneOf, discriminator: { propertyName: discriminator, mapping } };
    }
    const types: TypeSpec[] = [];
    for (const option of options) {
      const type = this.typeOf(option, side, path, naming);
      for (const each of type.oneOf && !type.discriminator ? type.oneOf : [type]) {
        if (!types.some((known) => JSON.stringify(known) === JSON.stringify(each))) types.push(each);
      }
    }
    if (types.length === 0) throw new Error(`${describePath(path)}: a union of nothing but null`);
    // An integer or a fraction is a number.
    if (types.length > 1 && types.every((type) => type.type === "integer" || type.type === "number")) return { type: "number" };
    return types.length === 1 ? types[0] : { oneOf: types };
  }
}

/**
 * One object type for two shapes given the same name: most often an input and the output the
 * provider stores for it (`os.osId` is a string or a number in, always a string out). Pulumi
 * has one type for both, so it takes every value of either: each property's types joined,
 * required only where both require it.
 */
function widened(a: ObjectTypeSpec, b: ObjectTypeSpec): ObjectTypeSpec {
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  const properties: Record<string, PropertySpec> = {};
  for (const key of new Set([...Object.keys(a.properties), ...Object.keys(b.properties)])) {
    const [first, second] = [a.properties[key], b.properties[key]];
    if (!first || !second) {
      properties[key] = first ?? second;
      continue;
    }
    const { description, ...firstType } = first;
    const { description: otherDescription, ...secondType } = second;
    const types: TypeSpec[] = [];
    for (const type of [firstType, secondType].flatMap((each) => (each.oneOf && !each.discriminator ? each.oneOf : [each]))) {
      if (!types.some((known) => JSON.stringify(known) === JSON.stringify(type))) types.push(type);
    }
    const joined = types.length === 1 ? types[0] : { oneOf: types };
    const text = description ?? otherDescription;
    properties[key] = { ...joined, ...(text ? { description: text } : {}) };
  }
  const required = (a.required ?? []).filter((key) => (b.required ?? []).includes(key));
  const description = a.description ?? b.description;
  return { type: "object", ...(description ? { description } : {}), properties, ...(required.length > 0 ? { required } : {}) };
}

/** The object inside wrappers and pipes (an input schema refined or transformed as a whole). */
export function shapeOf(schema: unknown): Record<string, z.ZodType> | undefined {
  let current: any = schema;
  for (let depth = 0; depth < 20 && current; depth++) {
    if (current._zod?.def?.type === "object") return current._zod.def.shape;
    current = current._zod?.def?.in ?? current._zod?.def?.innerType;
  }
  return undefined;
}

/**
 * Whether a program must set the property (input), or the provider always returns it
 * (output: a default applies; null is no value).
 */
export function isRequired(schema: z.ZodType, side: Side): boolean {
  // zod marks a property a program may leave out (optional, or defaulted) in `optin`, one the output may lack in `optout`.
  const optional = side === "input" ? (schema as any)._zod.optin : (schema as any)._zod.optout;
  return optional === undefined && !(side === "output" && acceptsNull(schema));
}

/**
 * The schema without what does not change its Pulumi type: optional, nullable, default; a
 * pipe's input side for inputs, its output side for outputs unless a transform makes that one
 * unknown (a transform that normalizes a string keeps a string).
 */
function unwrap(schema: z.ZodType, side: Side): z.ZodType {
  let current: any = schema;
  for (;;) {
    const def = current._zod.def;
    switch (def.type) {
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "catch":
      case "readonly":
      case "nonoptional":
        current = def.innerType;
        break;
      case "pipe": {
        const out = unwrap(def.out, side);
        current = side === "input" || (out as any)._zod.def.type === "transform" ? def.in : out;
        break;
      }
      case "union": {
        // `T | null` is T.
        const options = (def.options as z.ZodType[]).filter((option) => !isNullish(option));
        if (options.length !== 1) return current;
        current = options[0];
        break;
      }
      default:
        return current;
    }
  }
}

function acceptsNull(schema: z.ZodType): boolean {
  const def = (schema as any)._zod.def;
  switch (def.type) {
    case "null":
    case "nullable":
      return true;
    case "optional":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
      return acceptsNull(def.innerType);
    case "pipe":
      return acceptsNull(def.out) || ((def.out as any)._zod.def.type === "transform" && acceptsNull(def.in));
    case "union":
      return (def.options as z.ZodType[]).some(acceptsNull);
    default:
      return false;
  }
}

function isNullish(schema: z.ZodType): boolean {
  const type = (schema as any)._zod.def.type;
  return type === "null" || type === "undefined" || type === "void";
}

/** `z.int()`, `z.number().int()`: zod's ZodNumber says so. */
function isInteger(schema: z.ZodType): boolean {
  return (schema as z.ZodNumber).isInt === true;
}

function primitiveOf(value: unknown): "string" | "number" | "integer" | "boolean" {
  switch (typeof value) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "number":
      return Number.isInteger(value) ? "integer" : "number";
    default:
      throw new Error(`a constant ${String(value)} has no Pulumi type`);
  }
}

/** Literal or enum values: their type (enums are plain strings in the schema; the doc comment names the values). */
function primitivesOf(values: unknown[], path: SchemaPath): TypeSpec {
  const types = new Set(values.filter((value) => value !== null && value !== undefined).map(primitiveOf));
  if (types.size === 2 && types.has("integer") && types.has("number")) return { type: "number" };
  if (types.size !== 1) throw new Error(`${describePath(path)}: values of mixed types (${[...types].join(", ")})`);
  return { type: [...types][0] };
}

function literalOf(schema: z.ZodType | undefined, path: SchemaPath): string | number | boolean {
  const values = (schema as any)?._zod.def.values;
  if (!Array.isArray(values) || values.length !== 1) throw new Error(`${describePath(path)}: a discriminator that is not one literal`);
  return values[0];
}

function describePath(path: SchemaPath): string {
  return path.length === 0 ? "(resource)" : path.join(".");
}
