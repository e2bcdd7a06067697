// Gigahost's response envelope (docs/vendor-documents.md,
// "Gigahost: response envelope"): every answer is
// `{ meta: { status, status_message, message? }, data? }`, errors included.
import { STATUS_CODES } from "node:http";
import { EmulatorError, type EmulatorRequest, type EmulatorResponse, type Route, objectBody } from "../core";

/** @deprecated The emulators share one error type: use EmulatorError. */
export const GigahostApiError = EmulatorError;
/** @deprecated The emulators share one error type: use EmulatorError. */
export type GigahostApiError = EmulatorError;

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

/** A refusal in the envelope: its text in `meta.message`, or in `meta.error` for authentication failures. */
export function errorEnvelope(error: EmulatorError): EmulatorResponse {
  const key = error.extra.metaKey === "error" ? "error" : "message";
  return {
    status: error.status,
    body: { meta: { status: error.status, status_message: statusMessage(error.status), [key]: error.message } },
  };
}

/** An authentication failure: 401 with the text in `meta.error`. */
export const authenticationFailed = (message = "Unauthorized"): EmulatorError => new EmulatorError(401, message, { extra: { metaKey: "error" } });

/** What the live API answers when a zone is being written concurrently (verified live: docs/gigahost-dns.md, "DNS quirks handled"). */
export const zoneBusy = (): EmulatorError => new EmulatorError(500, "Internal server error");

/** The request's JSON object body; anything else is refused as the API does. */
export function requestFields(req: EmulatorRequest): Record<string, unknown> {
  return objectBody(req.body, "Invalid request body.");
}

/** A route that applies a change and answers only the vendor's confirmation in `meta.message`. */
export function confirmedRoute(method: string, pattern: string, apply: (req: EmulatorRequest) => void, message: string, status = 200): Route {
  return {
    method,
    pattern,
    handler: (req) => {
      apply(req);
      return envelope(status, { message });
    },
  };
}
