// Gigas error answers. No error format survives in the stored docs
// (gigas-api.md §13): the fake answers `{"error": "<text>", "code": <status>}`,
// and the client reads any of the usual keys.
import type { EmulatorResponse } from "../core";

/** A refusal a handler or an in-process helper raises; routes turn it into an error answer. */
export class GigasApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function errorAnswer(error: GigasApiError): EmulatorResponse {
  return { status: error.status, body: gigasErrorBody(error.status, error.message) };
}

export function gigasErrorBody(status: number, message: string): unknown {
  return { error: message, code: status };
}

export const notFound = (what: string): GigasApiError => new GigasApiError(404, `${what} not found`);
export const locked = (vmId: string): GigasApiError =>
  new GigasApiError(409, `Virtual machine ${vmId} is locked by another operation`);
