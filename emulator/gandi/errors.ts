// Gandi's error bodies (docs/vendor-documents.md, "Gandi: errors": every
// 401/403): `{ cause, code, message, object }`. Validation failures add the
// same `errors: [{ location, name, description }]` list a Dry-Run answer
// carries. Handlers throw the shared EmulatorError (Gandi's `cause`, `object`
// and `errors` ride in its `extra`); errorAnswer renders it.
import { EmulatorError, type EmulatorResponse } from "../core";

/** @deprecated The emulators share one error type: use EmulatorError. */
export const GandiApiError = EmulatorError;
/** @deprecated The emulators share one error type: use EmulatorError. */
export type GandiApiError = EmulatorError;

export interface ValidationIssue {
  location: "header" | "path" | "querystring" | "body";
  name: string;
  description: string;
}

/** Causes of the errors the core raises (faults, unknown routes, crashes), which carry no Gandi words of their own. */
const CAUSES: Record<number, string> = { 400: "Bad Request", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error" };

/** A Gandi refusal in Gandi's words; `bodyless` answers with the status alone, as the reference documents some errors (422 on POST vhost). */
export function gandiError(status: number, cause: string, message: string, object: string, options: { errors?: ValidationIssue[]; bodyless?: boolean } = {}): EmulatorError {
  return new EmulatorError(status, message, { bodyless: options.bodyless, extra: { cause, object, errors: options.errors } });
}

export function errorAnswer(error: EmulatorError): EmulatorResponse {
  if (error.bodyless) return { status: error.status };
  const cause = (error.extra.cause as string | undefined) ?? CAUSES[error.status] ?? "Error";
  const object = (error.extra.object as string | undefined) ?? `HTTP${cause.replace(/ /g, "")}`;
  const errors = error.extra.errors as ValidationIssue[] | undefined;
  return { status: error.status, body: { cause, code: error.status, message: error.message, object, ...(errors ? { errors } : {}) } };
}

export function validationError(errors: ValidationIssue[]): EmulatorError {
  return gandiError(400, "Bad Request", "Invalid request", "HTTPBadRequest", { errors });
}

/** 404 for a missing `object` ("instance", "vhost", "application"). */
export const notFound = (object: string) => gandiError(404, "Not Found", "The resource could not be found.", object);

/** Wrong or missing API key (the deprecated `Apikey` scheme, or no header at all). */
export const unauthorized = () =>
  gandiError(
    401,
    "Unauthorized",
    "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.",
    "HTTPUnauthorized",
  );

/** "In case the bearer token has expired, does not have enought permission or does not exists." */
export const forbidden = (message = "Access was denied to this resource.") => gandiError(403, "Forbidden", message, "HTTPForbidden");
