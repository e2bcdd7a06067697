// Reading Gigas requests the strict way (a field or filter the request does not
// take is refused, 400, naming it), pagination (docs/vendor-documents.md,
// "Gigas: pagination"), and what every route file is handed.
import { type EmulatorRequest, type EmulatorResponse, badRequest, invalidField, objectBody } from "../core";
import type { GigasState } from "./state";

/** What each area's routes work with. */
export interface GigasRouteContext {
  state: GigasState;
  /** One page of `items` with the X-Total headers ("Gigas: pagination"). */
  page<T>(req: EmulatorRequest, items: T[]): EmulatorResponse;
  /** The `:account` of the path, refused (404) when there is no such account. */
  account(req: EmulatorRequest): number;
}

export function ok(body: unknown): EmulatorResponse {
  return { status: 200, body };
}

/** A write that went through the transaction queue: 202 with the record (if any) and the `queue_token` (quickstart); 200 with the record when nothing was queued. */
export function queued(record: object | undefined, token: string | undefined): EmulatorResponse {
  if (token === undefined) return ok(record);
  return { status: 202, body: { ...record, queue_token: token } };
}

// ---- pagination ("Gigas: pagination") ------------------------------------------------------------

export function page<T>(req: EmulatorRequest, items: T[], defaultPageSize: number): EmulatorResponse {
  const offset = Math.max(0, Math.floor(Number(req.query.offset ?? 0)) || 0);
  const limit = Math.max(1, Math.floor(Number(req.query.limit ?? defaultPageSize)) || defaultPageSize);
  return {
    status: 200,
    body: items.slice(offset, offset + limit),
    headers: {
      "X-Total": String(items.length),
      "X-Total-Pages": String(Math.max(1, Math.ceil(items.length / limit))),
      "X-Per-Page": String(limit),
      "X-Page": String(Math.floor(offset / limit) + 1),
    },
  };
}

export function filterBy<T extends object>(items: T[], query: Record<string, string>, keys: string[]): T[] {
  return items.filter((item) =>
    keys.every((key) => query[key] === undefined || String((item as Record<string, unknown>)[key]).toLowerCase() === query[key].toLowerCase()),
  );
}

/** The body, refused (400, naming each) if it carries a field this request does not take. */
export function strictBody(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  const fields = objectBody(body);
  const unknown = Object.keys(fields).filter((key) => !allowed.includes(key));
  if (unknown.length) {
    throw badRequest(
      `Unknown parameter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`,
      Object.fromEntries(unknown.map((key) => [key, ["is not a parameter of this request"]])),
    );
  }
  return fields;
}

/** List filters beyond `allowed` (and pagination's offset/limit) are refused, naming each. */
export function strictQuery(req: EmulatorRequest, allowed: readonly string[]): void {
  const unknown = Object.keys(req.query).filter((key) => key !== "offset" && key !== "limit" && !allowed.includes(key));
  if (unknown.length) {
    throw badRequest(`Unknown filter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`, Object.fromEntries(unknown.map((key) => [key, ["is not a filter of this list"]])));
  }
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" && typeof value !== "number") throw invalidField(key, "must be a string");
  return String(value);
}

/** Whole numbers as JSON numbers (or digit strings); booleans are not numbers. */
export function optionalInteger(body: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value)) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < min || number > max) throw invalidField(key, `must be an integer between ${min} and ${max}`);
  return number;
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  throw invalidField(key, "must be true or false");
}

export function oneOf(value: string, allowed: readonly string[], key: string): string {
  if (!allowed.includes(value)) throw invalidField(key, `must be ${allowed.join(" or ")} (got "${value}")`);
  return value;
}
