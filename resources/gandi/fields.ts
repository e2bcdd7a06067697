import { camelCaseField } from "../../provider/errors";
import { fieldSegments } from "../../provider/gandi/wire";

/**
 * Gandi names the request field at fault (Dry-Run `errors[].name`, "the xpath
 * of the field"; the same list in other refusals). The bridge says it as
 * the input property the user wrote, `languageVersion: …` rather than
 * `type.language.version: …`; vhost fields are their inputs in camelCase,
 * instance fields need this map.
 */

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
  if (head === "domain") return camelCaseField(["freeDomain", ...rest].join("."));
  if (head === "duration_unit") return "duration";
  return camelCaseField(field);
}
