import { ApiError } from "../../provider/errors";
import { fieldSegments, renameErrorFields } from "../../provider/gandi/wire";

/**
 * Gandi names the request field at fault (Dry-Run `errors[].name`, "the xpath
 * of the field"; the same list in other refusals). These map it back to the
 * input property the user wrote, so `pulumi up` says `languageVersion: …`
 * rather than `type.language.version: …`.
 */

const camelCase = (segment: string) => segment.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** The SimpleHostingInstance input a field of POST or PATCH /instances concerns. */
export function instanceProperty(field: string): string {
  const [head, ...rest] = fieldSegments(field);
  if (head === undefined) return field;
  if (head === "type" && (rest[0] === "database" || rest[0] === "language")) return rest[1] === "version" ? `${rest[0]}Version` : rest[0];
  if (head === "authentication") {
    if (rest[0] === "ssh_keys") return ["sshKeys", ...rest.slice(1)].join(".");
    if (rest[0] === "keys") return ["sshKeyIds", ...rest.slice(1)].join(".");
    return "password";
  }
  if (head === "language_id") return "languageVersion";
  if (head === "duration_unit") return "duration";
  return [head, ...rest].map(camelCase).join(".");
}

/** The SimpleHostingVhost input a field of POST or PATCH …/vhosts concerns. */
export function vhostProperty(field: string): string {
  const segments = fieldSegments(field);
  return segments.length ? segments.map(camelCase).join(".") : field;
}

/** Runs a Gandi request; a refusal naming fields is rethrown with the input properties in their place. */
export async function namingInputs<T>(request: Promise<T>, property: (field: string) => string): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError) error.message = renameErrorFields(error.message, property);
    throw error;
  }
}
