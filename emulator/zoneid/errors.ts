import type { EmulatorResponse } from "../core";

/**
 * A refusal as ZoneID answers it: the status, a human-readable reason in the
 * `X-Status-Message` header and, for 422, a body "in the same structure as
 * the resource itself" holding the field errors (zoneid-api-v2.txt, Responses).
 */
export class ZoneidApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }
}

export function errorResponse(error: ZoneidApiError): EmulatorResponse {
  return {
    status: error.status,
    body: error.fields ? [error.fields] : [],
    headers: { "x-status-message": error.message },
  };
}
