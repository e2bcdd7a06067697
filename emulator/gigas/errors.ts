// Gigas error answers. No error format survives in the stored docs
// (gigas-api.md §13, the "Return values" page is missing): the fake answers
// `{"error": "<text>", "code": <status>}`, and a refusal of request fields
// adds `"errors": {"<field>": ["<message>", …]}`, the shape Rails-style APIs
// use. Both are guesses, listed in docs/gigas.md; the client reads any of the
// usual keys.
import type { EmulatorResponse } from "../core";

/** A refusal a handler or an in-process helper raises; routes turn it into an error answer. */
export class GigasApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The request fields at fault, with what is wrong with each. */
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export function errorAnswer(error: GigasApiError): EmulatorResponse {
  return { status: error.status, body: gigasErrorBody(error.status, error.message, error.fields) };
}

export function gigasErrorBody(status: number, message: string, fields: Record<string, string[]> = {}): unknown {
  return Object.keys(fields).length ? { error: message, code: status, errors: fields } : { error: message, code: status };
}

/** A request field the API refuses: 400, naming the field. */
export function invalidField(field: string, message: string): GigasApiError {
  return new GigasApiError(400, `${field} ${message}`, { [field]: [message] });
}

export const notFound = (what: string): GigasApiError => new GigasApiError(404, `${what} not found`);
export const locked = (vmId: string): GigasApiError =>
  new GigasApiError(409, `Virtual machine ${vmId} is locked by another operation`);
