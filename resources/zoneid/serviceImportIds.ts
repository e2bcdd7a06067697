import { isIP } from "node:net";
import { isHostname, normalizeHostname } from "../../provider/dns";
import { ImportId, ResourceDefinition, importByParts } from "../../provider/dynamic";
import { zoneNameProblem } from "./names";

/**
 * Import ids (`pulumi import euro-hosting:zoneid:<Resource> <name> <id>`) of
 * the ZoneID kinds around web hosting services, domains and cloud servers.
 * Each names the object the way ZoneID's API addresses it: the service or
 * domain (`/vserver/{service_name}`, `/domain/{name}`), then the item's
 * identificator in its collection's URL, as the collection's GET lists it.
 * Where that identificator is a name (a name server's host name, a
 * dedicated IP's address) the import id is that name; where ZoneID numbers
 * its items, the number is what the resource id is, and an import id must
 * give it (the resource's id is fixed by the import id, before any read).
 * See docs/zoneid.md, "Importing (provider plugin)".
 */

type ServiceNoun = "service" | "domain";

/** A web hosting service's or domain's name as the `service` (or `domain`) input holds it; throws what is wrong. */
function serviceName(text: string, noun: ServiceNoun): string {
  const problem = zoneNameProblem(text);
  if (problem) throw new Error(problem.replace("a DNS zone name", noun === "domain" ? "a domain name" : "a web hosting service's name"));
  return normalizeHostname(text);
}

/**
 * The import id of a kind with one object per web hosting service or domain,
 * whose resource id is the service's (or domain's) name: `service` (Dkim),
 * `domain` (DomainSettings). `input` is the input that holds the name;
 * `state` is stored state read needs besides it.
 */
export function importByServiceName(noun: ServiceNoun, input: string, example: string, state: Record<string, unknown> = {}): ImportId {
  return importByParts(noun, example, ([name]) => {
    const service = serviceName(name, noun);
    return { id: service, state: { ...state, [input]: service } };
  });
}

/**
 * The import id of an item of a collection under a web hosting service
 * (`/vserver/{service}/{collection}/{item}`) or a domain
 * (`/domain/{domain}/{collection}/{item}`): `<service or domain>/<item>`,
 * `item` named after the field the collection's URL takes (`identificator`,
 * `id`, `hostname`, `ipv4`). Read needs the service, which the resource keeps
 * in its `service` input; `toItemId` checks and normalizes the item part.
 */
export function importByServiceItem(
  noun: ServiceNoun,
  item: string,
  example: string,
  toItemId: (text: string) => string = numberedItem,
): ImportId {
  return importByParts(`${noun}/${item}`, example, ([name, itemText]) => ({ id: toItemId(itemText), state: { service: serviceName(name, noun) } }));
}

/** An identificator ZoneID numbers (an integer in its OpenAPI spec), as the collection's GET lists it, e.g. `1234`. */
function numberedItem(text: string): string {
  const id = text.trim();
  if (!/^\d+$/.test(id)) throw new Error(`"${text}" is not an identificator: ZoneID numbers these items`);
  return id;
}

/** An identificator the spec types as text (an additional package's), as the collection's GET lists it. */
export function textIdentificator(text: string): string {
  const id = text.trim();
  if (/\s/.test(id)) throw new Error(`"${text}" is not an identificator`);
  return id;
}

/** A name server's host name, lower-cased without a trailing dot (the `hostname` input's form). */
export function nameserverHostname(text: string): string {
  if (!isHostname(text.trim())) throw new Error(`"${text}" is not a host name`);
  return normalizeHostname(text);
}

/** A dedicated IP's IPv4 address (its identificator at ZoneID). */
export function dedicatedIpv4(text: string): string {
  const address = text.trim();
  if (isIP(address) !== 4) throw new Error(`"${text}" is not an IPv4 address`);
  return address;
}

/**
 * A cloud server's import id: the identificator of the order that built it
 * (the resource's id; `GET /order/cloud` lists each order with its
 * `container`, the VM's host name).
 */
export const cloudServerImportId = importByParts("orderId", "5001", ([id]) => ({ id: numberedItem(id), state: {} }));

/** Values a program that manages an optional input would write: not absent, not `""`, not `[]`. */
function hasValue(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  return !Array.isArray(value) || value.length > 0;
}

/**
 * A hosting collection's read for kinds with inputs managed only when set
 * (hostingFields' `whenManaged`: FtpUser's allowedOperations, DomainContact's
 * optional fields). On an import, recognised by stored state without the
 * identifying input (`keyInput`, which every stored state of the kind has),
 * those inputs are read too where ZoneID has a value for them: what a
 * program that manages them says. Empty ones (`""`, `[]`) stay unmanaged, as
 * in a program that leaves them out. Any other read is the collection's own.
 */
export function readingOptionalInputsOnImport<Inputs extends Record<string, unknown>, State extends Record<string, unknown>>(
  definition: Pick<ResourceDefinition<Inputs, any, State>, "read">,
  keyInput: string,
  optionalInputs: readonly string[],
): ResourceDefinition<Inputs, any, State>["read"] {
  return async (id, state, context) => {
    if ((state as Record<string, unknown>)[keyInput] !== undefined) return definition.read(id, state, context);
    // `whenManaged` reports an input wherever the previous state has it: mark each one managed for this read.
    const managed = Object.fromEntries(optionalInputs.map((input) => [input, true]));
    const live = await definition.read(id, { ...state, ...managed }, context);
    if (live === undefined) return undefined;
    return Object.fromEntries(Object.entries(live).filter(([key, value]) => !optionalInputs.includes(key) || hasValue(value))) as typeof live;
  };
}
