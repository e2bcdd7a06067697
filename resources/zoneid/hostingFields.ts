import { isIP } from "node:net";
import { z } from "zod";

/** Input rules the web hosting resources share (the field descriptions of ZoneID's OpenAPI spec). */

/** "Length: 10-64" (MailAccount, MysqlAccount; FtpUser is assumed to follow the same rule). */
export const password = z
  .string({ error: "is required (10-64 characters)" })
  .min(10, "must be at least 10 characters")
  .max(64, "must be at most 64 characters");

export const emailAddress = z
  .string({ error: "must be an e-mail address" })
  .transform((value) => value.trim().toLowerCase())
  .refine((value) => /^[^@\s]+@[^@\s]+\.[^@\s.]+$/.test(value), { error: (issue) => `"${issue.input}" is not an e-mail address` });

export const comment = z.string({ error: "must be text" }).max(255, "may be at most 255 characters").default("");

/** A list compared as a set: trimmed, without duplicates, sorted, so order never shows as a diff. */
export const sortedSet = <T extends z.ZodType<string>>(item: T) =>
  z.array(item, { error: "must be a list" }).transform((values) => [...new Set(values)].sort());

export function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** MySQL `hosts`: "ws" (web server), "pma" (phpMyAdmin), "vpn", or an IPv4/IPv6 address. */
export const mysqlHost = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .refine((value) => ["ws", "pma", "vpn"].includes(value) || isIP(value) !== 0, {
    error: (issue) => `"${issue.input}" is neither ws, pma, vpn nor an IP address`,
  });

/**
 * The live values of inputs that are managed only when set (documented
 * fields added after a resource first shipped): in state only where the
 * inputs or last state (`previous`) have them. An unmanaged one in state
 * would differ from the absent input on every preview, and a default would
 * overwrite, on upgrade, what was set elsewhere.
 */
export function whenManaged(previous: Record<string, unknown>, live: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(live).filter(([input]) => previous[input] !== undefined && previous[input] !== null));
}

/** A request body without the fields left unset (the spec's request schemas take no nulls). */
export function withoutUnset(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined && value !== null));
}

/** ISO 3166 two-letter country codes, compared as a set. */
export const countryCodes = sortedSet(
  z
    .string({ error: "must be a two-letter country code, e.g. EE" })
    .transform((value) => value.trim().toUpperCase())
    .refine((value) => /^[A-Z]{2}$/.test(value), { error: (issue) => `"${issue.input}" is not a two-letter country code, e.g. EE` }),
);
