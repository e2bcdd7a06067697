// Gandi's error bodies (gandi-simplehosting-v5.txt, every 401/403):
// `{ cause, code, message, object }`. Validation failures add the same
// `errors: [{ location, name, description }]` list a Dry-Run answer carries.
import type { EmulatorResponse } from "../core";

export interface ValidationIssue {
  location: "header" | "path" | "querystring" | "body";
  name: string;
  description: string;
}

export class GandiApiError extends Error {
  constructor(
    readonly status: number,
    readonly cause_: string,
    message: string,
    readonly object: string,
    readonly errors?: ValidationIssue[],
    /** Answer with the status alone, as the reference documents some errors (422 on POST vhost). */
    readonly options: { bodyless?: boolean } = {},
  ) {
    super(message);
  }
}

export function validationError(errors: ValidationIssue[]): GandiApiError {
  return new GandiApiError(400, "Bad Request", "Invalid request", "HTTPBadRequest", errors);
}

export function errorBody(error: GandiApiError): Record<string, unknown> {
  return {
    cause: error.cause_,
    code: error.status,
    message: error.message,
    object: error.object,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export function errorResponse(error: GandiApiError): EmulatorResponse {
  return error.options.bodyless ? { status: error.status } : { status: error.status, body: errorBody(error) };
}

/** Wrong or missing API key (the deprecated `Apikey` scheme, or no header at all). */
export const unauthorized = () =>
  new GandiApiError(
    401,
    "Unauthorized",
    "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.",
    "HTTPUnauthorized",
  );

/** "In case the bearer token has expired, does not have enought permission or does not exists." */
export const forbidden = (message = "Access was denied to this resource.") => new GandiApiError(403, "Forbidden", message, "HTTPForbidden");
