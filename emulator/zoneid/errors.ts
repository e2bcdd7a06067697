// ZoneID's refusals (emulator/zoneid/zoneid-openapi.json, the introduction's
// responses): the status, a human-readable reason in the `X-Status-Message`
// header and, for 422, a body "in same structure as resource itself" holding
// the field errors. Handlers throw the shared EmulatorError; errorAnswer
// renders it.
import { EmulatorError, type EmulatorResponse } from "../core";

/** @deprecated The emulators share one error type: use EmulatorError. */
export const ZoneidApiError = EmulatorError;
/** @deprecated The emulators share one error type: use EmulatorError. */
export type ZoneidApiError = EmulatorError;

export function errorAnswer(error: EmulatorError): EmulatorResponse {
  return {
    status: error.status,
    body: error.fields ? [error.fields] : [],
    headers: { "x-status-message": error.message },
  };
}

/** 422 naming the fields at fault. */
export function unprocessable(message: string, fields: Record<string, string[]>): EmulatorError {
  return new EmulatorError(422, message, { fields });
}
