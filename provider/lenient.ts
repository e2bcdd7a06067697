import { z } from "zod";

/**
 * Zod building blocks for vendor payloads, which send numbers, ids and flags
 * inconsistently as strings or numbers (Gigahost: docs/gigahost.md, "Vendor
 * quirks handled"). Each accepts both spellings and yields one type.
 */

/** 42 or "42" → 42. Rejects "", null and non-numeric text. */
export const numberish = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*-?\d+(\.\d+)?\s*$/, "expected a number or a numeric string")
    .transform(Number),
]);

/** 42 or "42" → "42". */
export const idString = z.union([z.string().min(1), z.number()]).transform(String);

/** true/false, 1/0, "1"/"0", "true"/"false" → boolean. */
export const flag = z.union([
  z.boolean(),
  z.literal(0).transform(() => false),
  z.literal(1).transform(() => true),
  z.enum(["0", "1", "true", "false", ""]).transform((value) => value === "1" || value === "true"),
]);

/** A string that may be missing or null on the wire → string | null. */
export const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

/** A number (or numeric string) that may be missing, null or "" on the wire → number | null. */
export const optionalNumber = z
  // `.optional()` on the union, not z.undefined() inside it: zod 4 only lets an object key be absent then.
  .union([numberish, z.literal(""), z.null()])
  .optional()
  .transform((value) => (value === "" || value === null || value === undefined ? null : value));
