// Gigas error answers. No error format survives in the stored docs
// (docs/vendor-documents.md, "Gigas: return values": that page is missing): the
// fake answers `{"error": "<text>", "code": <status>}`, and a refusal of
// request fields adds `"errors": {"<field>": ["<message>", …]}`, the shape
// Rails-style APIs use. Both are guesses, listed in docs/gigas.md; the client
// reads any of the usual keys. Handlers throw the shared EmulatorError;
// errorAnswer renders it.
import { EmulatorError, type EmulatorResponse } from "../core";

/** @deprecated The emulators share one error type: use EmulatorError. */
export const GigasApiError = EmulatorError;
/** @deprecated The emulators share one error type: use EmulatorError. */
export type GigasApiError = EmulatorError;

export function errorAnswer(error: EmulatorError): EmulatorResponse {
  const fields = error.fields ?? {};
  const body = Object.keys(fields).length ? { error: error.message, code: error.status, errors: fields } : { error: error.message, code: error.status };
  return { status: error.status, body };
}

/** 409: another operation holds the virtual machine. */
export const locked = (vmId: string): EmulatorError => new EmulatorError(409, `Virtual machine ${vmId} is locked by another operation`);
