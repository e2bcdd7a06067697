import { z } from "zod";
import { normalizeHostname } from "../../provider/dns";
import { ImportId, importByParts } from "../../provider/dynamic";
import { zoneNameProblem } from "./names";

/**
 * Import ids of ZoneID kinds (`pulumi import euro-hosting:zoneid:<Resource>
 * <name> <id>`): the path of the object in ZoneID's API, the way its URL
 * names it (`/dns/{zone}/{type}/{id}`, `/vserver/{service_name}/{collection}/{identificator}`),
 * without the collection. Where the API names an object by its name (a
 * mailbox's address, a database's name) so does the import id; where ZoneID
 * numbers its items (records, cron jobs, SSH keys), the number it lists is
 * the resource's id, and the import id must give it: an import id is parsed
 * before anything is read. Each part is checked, and normalized, as the
 * input it stands for. See docs/zoneid.md, "Importing (provider plugin)".
 */

/** One "/"-separated part of an import id: its name in the format, and its text as read needs it (throws what is wrong). */
export interface ImportPart {
  name: string;
  parse(text: string): string;
}

function namePart(name: string, noun: string): ImportPart {
  return {
    name,
    parse(text) {
      const problem = zoneNameProblem(text);
      if (problem) throw new Error(`${name}: ${problem.replace("a DNS zone name", noun)}`);
      return normalizeHostname(text);
    },
  };
}

/** A DNS zone, e.g. `example.com` (case and trailing dot normalized, as the `zone` input). */
export const zonePart = namePart("zone", "a DNS zone name");

/** A web hosting service's name (`/vserver/{service_name}`), e.g. `example.com`, as the `service` input holds it. */
export const servicePart = namePart("service", "a web hosting service's name");

/** A part read with the schema of the input it stands for: an address, a database name, a record type. */
export function inputPart(name: string, input: z.ZodType<string, any>): ImportPart {
  return {
    name,
    parse(text) {
      const parsed = input.safeParse(text);
      if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues[0].message}`);
      return parsed.data;
    },
  };
}

/** An item ZoneID numbers (an integer `id` or `identificator` in its OpenAPI spec), as its list answers it, e.g. `1234`. */
export function numberedPart(name: string): ImportPart {
  return {
    name,
    parse(text) {
      if (!/^\d+$/.test(text.trim())) throw new Error(`${name}: "${text}" is not a number (ZoneID numbers these; its list shows the number)`);
      return text.trim();
    },
  };
}

/**
 * The import id made of `parts` (format: their names joined by "/"):
 * `toResource` receives each part parsed and gives the resource id and the
 * stored state read needs.
 */
export function importByNamedParts(
  parts: readonly ImportPart[],
  example: string,
  toResource: (values: string[]) => { id: string; state: Record<string, unknown> },
): ImportId {
  return importByParts(parts.map((part) => part.name).join("/"), example, (texts) => toResource(texts.map((text, index) => parts[index].parse(text))));
}

/**
 * An item of a web hosting collection (`/vserver/{service}/{collection}/{item}`):
 * `service/<item>`. The item is the resource's id; read finds it under the
 * service, which the resource keeps in its `service` input.
 */
export function importByServiceItem(item: ImportPart, example: string): ImportId {
  return importByNamedParts([servicePart, item], example, ([service, id]) => ({ id, state: { service } }));
}

/** Whether a read is an import's: stored state without `input`, an input every create and update of the kind stores. */
export function isImportRead(state: Record<string, unknown>, input: string): boolean {
  return state[input] === undefined || state[input] === null;
}
