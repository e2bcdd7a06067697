// Input values as the engine sends them: validated against a resource's
// input schema with errors per property, compared, and cleaned of undefined
// (which the provider host refuses). No network, no vendor.
import { z } from "zod";

/** Placeholder Pulumi sends for inputs not known yet during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure {
  property: string;
  reason: string;
}

/** Runs the input schema, reporting each problem against the property it concerns. */
export function validateInputs(
  schema: z.ZodType,
  raw: Record<string, unknown>,
): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  // Values unknown during preview are validated once they are known.
  const unknownKeys = Object.keys(raw).filter((key) => containsUnknown(raw[key]));
  const known = { ...raw };
  for (const key of unknownKeys) delete known[key];
  const parsed = schema.safeParse(known);
  if (parsed.success) {
    const inputs = { ...(parsed.data as Record<string, unknown>) };
    for (const key of unknownKeys) inputs[key] = raw[key];
    return { inputs: definedOnly(inputs) as Record<string, unknown>, failures: [] };
  }
  const failures = parsed.error.issues
    .filter((issue) => !(issue.path.length > 0 && unknownKeys.includes(String(issue.path[0]))))
    .flatMap((issue): CheckFailure[] => {
      const path = issue.path.map(String);
      if (issue.code === "unrecognized_keys") {
        const valid = keysAt(schema, path);
        return issue.keys.map((key) => ({ property: [...path, key].join("."), reason: unknownKeyReason(key, valid) }));
      }
      return [{ property: path.length ? path.join(".") : "(inputs)", reason: issue.message }];
    });
  // Failures only about unknown values: accept for now, check again when known.
  return { inputs: raw, failures };
}

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** The top-level input names of an object schema (through optional/default/effects wrappers). */
export function inputKeysOf(schema: z.ZodType): string[] {
  const shape = objectShape(schema);
  if (!shape) throw new Error("resource inputs must be a zod object schema");
  return Object.keys(shape);
}

function objectShape(schema: unknown): Record<string, unknown> | undefined {
  let current: any = schema;
  for (let depth = 0; depth < 10 && current; depth++) {
    if (current.shape) return current.shape;
    current = current._zod?.def?.in ?? current._zod?.def?.innerType ?? current._zod?.def?.schema;
  }
  return undefined;
}

/** The property names valid at a path of the inputs (`timeouts` → create, update, delete). */
function keysAt(schema: z.ZodType, path: string[]): string[] {
  let current: any = schema;
  for (const segment of path) {
    for (let depth = 0; depth < 10 && current && !current.shape && !current._zod?.def?.element; depth++) {
      current = current._zod?.def?.in ?? current._zod?.def?.innerType ?? current._zod?.def?.schema;
    }
    current = /^\d+$/.test(segment) ? current?._zod?.def?.element : current?.shape?.[segment];
  }
  return Object.keys(objectShape(current) ?? {});
}

/** `unknown property "tll"; did you mean "ttl"?`, else the valid names. */
function unknownKeyReason(key: string, valid: string[]): string {
  const nearest = valid
    .map((name) => ({ name, distance: editDistance(key.toLowerCase(), name.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance)[0];
  if (nearest && nearest.distance <= Math.max(2, Math.floor(key.length / 3))) return `unknown property "${key}"; did you mean "${nearest.name}"?`;
  return valid.length ? `unknown property "${key}"; valid properties: ${valid.join(", ")}` : `unknown property "${key}"`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Deep equality where null and undefined are the same (outputs cannot hold undefined). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return b === undefined || b === null;
  if (b === undefined || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    return [...keys].every((key) => sameValue((a as any)[key], (b as any)[key]));
  }
  return a === b;
}

/**
 * Removes undefined values: the provider host rejects a whole response that
 * contains one. Array holes become null.
 */
export function definedOnly<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : definedOnly(item))) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) result[key] = definedOnly(item);
    return result as T;
  }
  return value;
}
