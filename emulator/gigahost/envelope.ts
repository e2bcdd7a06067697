// Gigahost's response envelope (gigahost-api.md, intro): every answer is
// `{ meta: { status, status_message, message? }, data? }`, errors included.
import { STATUS_CODES } from "node:http";
import type { EmulatorResponse } from "../core";

/** A failure a handler or an in-process helper raises; routes turn it into an envelope. */
export class GigahostApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Auth failures put their text in `meta.error`, everything else in `meta.message`. */
    readonly field: "message" | "error" = "message",
  ) {
    super(message);
  }
}

export function statusMessage(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? "Unknown"}`;
}

export function envelope(status: number, fields: { message?: string; data?: unknown } = {}): EmulatorResponse {
  const meta: Record<string, unknown> = { status, status_message: statusMessage(status) };
  if (fields.message !== undefined) meta.message = fields.message;
  const body: Record<string, unknown> = { meta };
  if (fields.data !== undefined) body.data = fields.data;
  return { status, body };
}

export function errorEnvelope(error: GigahostApiError): EmulatorResponse {
  return {
    status: error.status,
    body: { meta: { status: error.status, status_message: statusMessage(error.status), [error.field]: error.message } },
  };
}

export const unauthorized = (): GigahostApiError => new GigahostApiError(401, "Unauthorized", "error");

/** What the live API answers when a zone is being written concurrently (verified live, item 1). */
export const zoneBusy = (): GigahostApiError => new GigahostApiError(500, "Internal server error");
