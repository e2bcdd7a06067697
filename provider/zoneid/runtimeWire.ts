import { z } from "zod";
import { flag, idString, numberish, optionalNumber, optionalText } from "../lenient";

/**
 * Payloads of what a web hosting service runs (ZoneID's OpenAPI spec:
 * VServerNodejsApplication, VServerRedisApplication, VServerPortForward,
 * VServerPortForwardAcl, VServerDedicatedIP). Lenient like the other wire
 * schemas: numbers may come as strings, absent texts are "".
 */

const text = optionalText.transform((value) => value ?? "");
const strings = z
  .array(z.union([z.string(), z.number()]).transform(String))
  .nullish()
  .transform((value) => value ?? []);

/** A PM2 application; `id` is the identificator of its URL. */
export const pm2ProcessWire = z.object({
  id: idString,
  name: text,
  scriptname: text,
  memory_limit: optionalNumber,
  available_memory: optionalNumber,
  home_dir: text,
  status: text,
  enabled: flag.nullish().transform((value) => value ?? false),
});
export type Pm2ProcessWire = z.infer<typeof pm2ProcessWire>;

/** The service's Redis; `password` is the auth key (answered: it is readable at the API). */
export const redisWire = z.object({
  id: idString,
  name: text,
  password: text,
  port: text,
  ip: text,
  host: text,
  status: text,
  enabled: flag.nullish().transform((value) => value ?? false),
});
export type RedisWire = z.infer<typeof redisWire>;

/** A dedicated IP; it has no id field, its identificator is its IPv4 address (see docs/zoneid.md, guesses). */
export const dedicatedIpWire = z.object({
  ipv4: z.string().min(1),
  ipv6: text,
  vhosts: strings,
});
export type DedicatedIpWire = z.infer<typeof dedicatedIpWire>;

export const portForwardWire = z.object({
  identificator: idString,
  comment: text,
  ip: z.object({ ipv4: text }).passthrough(),
  fport: numberish,
  dport: optionalNumber,
  acl_enabled: flag.nullish().transform((value) => value ?? false),
  acls: strings,
});
export type PortForwardWire = z.infer<typeof portForwardWire>;

export const portForwardAclWire = z.object({ identificator: idString, ip: z.string() });

/**
 * One entry of a port forward's `acls` ("Access list ips and ids"): taken to
 * be "{id}:{ip}" (a guess, docs/zoneid.md); an entry without an id prefix is
 * an address whose id is unknown.
 */
export function parseAclEntry(entry: string): { id: string | undefined; ip: string } {
  const match = /^(\d+):(.+)$/.exec(entry.trim());
  return match ? { id: match[1], ip: match[2] } : { id: undefined, ip: entry.trim() };
}
