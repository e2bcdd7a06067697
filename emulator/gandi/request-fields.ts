// The request fields each operation documents (docs/vendor-documents.md,
// "Gandi: Simple Hosting API v5"), and the checks the instance and vhost
// operations share. Anything else is refused the way the API refuses a bad
// value (400 with `errors`; the status is a guess, see docs/gandi.md,
// "Quirks handled, and what is assumed").
import { domainToASCII } from "node:url";

export const CREATE_FIELDS = [
  "location", "size", "type", "authentication", "autorenew", "domain", "duration", "duration_unit", "name",
  "snapshot_enabled", "storage_additional_size", "vhosts",
];
export const CREATE_VHOST_FIELDS = ["fqdn", "application", "https_strategy", "linked_dns_zone", "with_free_ssl"];
export const CREATE_DOMAIN_FIELDS = ["fqdn", "owner", "admin", "bill", "tech", "extra_parameters", "lang"];
export const DOMAIN_CONTACT_FIELDS = [
  "country", "email", "family", "given", "streetaddr", "type", "brand_number", "city", "data_obfuscated", "extra_parameters", "fax",
  "jo_announce_number", "jo_announce_page", "jo_declaration_date", "jo_publication_date", "lang", "mail_obfuscated", "mobile", "orgname",
  "phone", "siren", "state", "validation", "zip",
];
export const CONTACT_TYPES = ["individual", "company", "association", "publicbody"];
export const CONTACT_LANGS = ["en", "es", "fr", "ja", "zh-hans", "zh-hant"];
export const CONTACT_VALIDATIONS = ["pending", "done", "failed", "deleted", "none"];
export const PATCH_FIELDS = ["booster", "booster_options", "language_id", "name", "password", "size", "snapshot_enabled", "storage_additional_size"];
export const VHOST_POST_FIELDS = ["fqdn", "application", "linked_dns_zone"];
export const VHOST_PATCH_FIELDS = ["application", "https_strategy", "linked_dns_zone"];

export function undocumentedFields(body: Record<string, unknown>, documented: string[], prefix: string, problem: (name: string, description: string) => void): void {
  for (const key of Object.keys(body)) if (!documented.includes(key)) problem(`${prefix}${key}`, "Unknown field.");
}

export function checkSoftware(
  table: Record<string, string[]>,
  software: Record<string, unknown>,
  field: string,
  problem: (name: string, description: string) => void,
): void {
  const names = Object.keys(table);
  if (typeof software.name !== "string" || !names.includes(software.name)) {
    problem(`${field}.name`, `Must be one of: ${names.join(", ")}.`);
    return;
  }
  if (software.version !== undefined && !table[software.name].includes(software.version as string)) {
    problem(`${field}.version`, `${software.name} ${String(software.version)} is not available; available: ${table[software.name].join(", ")}.`);
  }
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function isIntegerWithin(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

export function isFqdn(value: string): boolean {
  return domainToASCII(value) === value && /^(?=.{1,253}$)([a-z0-9](-*[a-z0-9])*)(\.[a-z0-9](-*[a-z0-9])*)+$/i.test(value);
}
