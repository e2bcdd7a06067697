import { z } from "zod";
import type { Logger } from "./log";

/**
 * A named repair of stored state: what an older version of the package wrote
 * that the current `state` (or `inputs`) schema no longer accepts. Migrations
 * run in order, before the check, on read, update and delete; the next
 * operation stores the repaired state. Never remove one: a stack may skip
 * versions.
 */
export interface StateMigration {
  /** What changed, said once, e.g. "recordCount was a string before 0.2.0". Logged at debug when it applies. */
  name: string;
  applies(stored: Record<string, unknown>): boolean;
  migrate(stored: Record<string, unknown>): Record<string, unknown>;
}

/** Stored state that fits neither the current schemas nor any migration. */
export class StoredStateError extends Error {}

interface StoredStateSchemas {
  kind: string;
  inputs: z.ZodType;
  state: z.ZodObject<any>;
  migrations?: readonly StateMigration[];
}

/**
 * Stored props (inputs and state, as the last create, update or refresh
 * wrote them) as resource code may rely on them: migrated, then each state
 * property checked against the state schema and the inputs against the
 * input schema (normalized and defaulted as `check` would).
 *
 * Lenient where state legitimately lacks a value: a refresh writes null for
 * "no value", and the partial state of an interrupted create may miss state
 * properties entirely; null and missing values pass. Anything else that does
 * not fit fails with the kind, the resource id, the property and what was
 * expected, rather than reaching resource code as a wrong type.
 */
export function parseStoredState(
  schemas: StoredStateSchemas,
  inputKeys: readonly string[],
  id: string,
  props: Record<string, unknown>,
  logger: Logger,
): Record<string, unknown> {
  let stored = props;
  for (const migration of schemas.migrations ?? []) {
    if (!migration.applies(stored)) continue;
    logger.debug(`${schemas.kind} ${id}: stored state migrated: ${migration.name}`);
    stored = migration.migrate(stored);
  }
  const problems: string[] = [];
  const result: Record<string, unknown> = { ...stored };

  const stateShape = schemas.state.shape as Record<string, z.ZodType>;
  const stateKeys = new Set(Object.keys(stateShape));
  for (const [key, schema] of Object.entries(stateShape)) {
    const value = stored[key];
    if (value === undefined || value === null) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) result[key] = parsed.data;
    else problems.push(...parsed.error.issues.map((issue) => describeIssue([key, ...issue.path.map(String)], issue.message)));
  }

  // Inputs that state overrides (a zone's normalized name) were checked above.
  const candidate = Object.fromEntries(
    inputKeys.filter((key) => !stateKeys.has(key) && stored[key] !== undefined && stored[key] !== null).map((key) => [key, stored[key]]),
  );
  const parsed = schemas.inputs.safeParse(candidate);
  if (parsed.success) {
    for (const [key, value] of Object.entries(parsed.data as Record<string, unknown>)) {
      if (!stateKeys.has(key) && value !== undefined) result[key] = value;
    }
  } else {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      // A value absent from state was null or missing: lenient, as above.
      if (path.length > 0 && !(path[0] in candidate)) continue;
      // A nested property an older version stored and this one no longer takes (in a strict sub-object) is left alone.
      if (issue.code === "unrecognized_keys") continue;
      problems.push(describeIssue(path, issue.message));
    }
  }

  if (problems.length > 0) {
    throw new StoredStateError(
      `${schemas.kind} ${id}: the stored state does not fit this version of pulumi-euro-hosting (${problems.join("; ")}). ` +
        "Please report it with the package versions that wrote and read the state.",
    );
  }
  return result;
}

function describeIssue(path: string[], message: string): string {
  return `${path.length > 0 ? path.join(".") : "(state)"}: ${message}`;
}
