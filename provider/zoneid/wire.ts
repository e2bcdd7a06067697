import { z } from "zod";
import { FieldError } from "../errors";
import { flag, idString, numberish, optionalNumber, optionalText } from "../lenient";

/**
 * ZoneID API v2 payloads (ZoneID's OpenAPI spec and API v2 documentation). Every GET
 * answers an array, even for one item; POST and PUT answer the created or
 * updated item as a one-element array; DELETE answers 204 without a body.
 */

/** Fields every DNS record has (schema `Record`). */
const recordBase = {
  id: idString,
  name: z.string(),
  destination: z.string(),
  /** Read-only: false on system records that cannot be deleted. */
  delete: flag.nullish().transform((value) => value ?? true),
  /** Read-only: false on system records that cannot be changed. */
  modify: flag.nullish().transform((value) => value ?? true),
  resource_url: optionalText,
};

/** A number field only some record types have: absent, null or "" → null. */
const typeNumber = optionalNumber.optional().transform((value) => value ?? null);

/**
 * One schema for all eleven record types: the type-specific fields are
 * optional here (lenient), the resource decides which apply.
 */
export const recordWire = z.object({
  ...recordBase,
  priority: typeNumber,
  weight: typeNumber,
  port: typeNumber,
  flag: typeNumber,
  tag: optionalText,
  algorithm: typeNumber,
  /** SSHFP fingerprint type (1, 2) or URL redirect status (301, 302). */
  type: typeNumber,
  certificate_usage: typeNumber,
  selector: typeNumber,
  matching_type: typeNumber,
});
export type RecordWire = z.infer<typeof recordWire>;

export const recordList = z.array(recordWire);

/** The body of POST and PUT on `/dns/{zone}/{type}[/{id}]`. */
export type RecordBody = { name: string; destination: string } & Record<string, string | number>;

export const zoneWire = z.object({
  /** The zone name. */
  identificator: z.string().optional(),
  active: flag,
  ipv6: flag,
  resource_url: optionalText,
});
export type ZoneWire = z.infer<typeof zoneWire>;

export const zoneList = z.array(zoneWire);

export interface ZoneBody {
  active?: boolean;
  ipv6?: boolean;
}

/** Exactly one item, as POST/PUT answer and single-item GETs return. */
export function single<T extends z.ZodType>(item: T) {
  return z.array(item).length(1, "expected a one-element array").transform((items) => items[0] as z.output<T>);
}

/**
 * One item, as a one-element array (the introduction's rule for every answer)
 * or bare, as the entry of `PUT /domain/{s}/nameserver/{hostname}` documents
 * its answer: the reference is inconsistent, so both are accepted.
 */
export function singleOrBare<T extends z.ZodType>(item: T) {
  return z.union([single(item), item.transform((value) => value as z.output<T>)]);
}

/** DELETE answers 204 with no body. */
export const noContent = z.unknown();

export { numberish };

/**
 * ZoneID's reason for a failure: the `X-Status-Message` header; the field
 * errors of a 422 are read by `zoneidFieldErrors`.
 */
export function zoneidMessage(body: unknown, headers: Record<string, string>, status: number): string | undefined {
  const header = headers["x-status-message"]?.trim();
  const parts: string[] = [];
  if (header) parts.push(header);
  if (status === 402 && !/upgrade|payment/i.test(header ?? "")) parts.push("payment required: the Zone.eu package must be upgraded for this");
  const messages = zoneidFieldErrors(body).length ? [] : generalMessages(body);
  if (messages.length) parts.push(messages.join("; "));
  if (parts.length === 0 && typeof body === "string" && body.trim()) parts.push(body.trim().slice(0, 300));
  return parts.length ? parts.join(": ") : undefined;
}

/**
 * The fields a refusal names. They come "in the same structure as the
 * resource itself" (e.g. `{"destination": ["Invalid IPv4 address"]}`,
 * possibly wrapped in an array); an `ErrorResponse` `{ messages: [...] }`
 * names none.
 */
export function zoneidFieldErrors(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(errorItem(body))) {
    if (field === "messages") continue;
    const texts = textsOf(value);
    if (texts.length) errors.push({ field, message: texts.join(", ") });
  }
  return errors;
}

function generalMessages(body: unknown): string[] {
  return textsOf(errorItem(body).messages);
}

function errorItem(body: unknown): Record<string, unknown> {
  const item = Array.isArray(body) ? body[0] : body;
  return item && typeof item === "object" ? (item as Record<string, unknown>) : {};
}

function textsOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((text): text is string => typeof text === "string" && text.trim() !== "");
}
