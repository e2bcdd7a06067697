// What a web hosting service runs besides its files (zoneid-openapi.json
// tags "PM2", "Redis", "Port forward", "Dedicated IP"): the collection rules
// of the generic store (hosting-state.ts), and the actions on an item
// (start/stop/restart, a new Redis auth key, port forward access lists).
// The document gives schemas and statuses but few rules; every rule below it
// does not state is a guess, listed in docs/zoneid.md ("Guesses").
import { EmulatorError } from "../core";
import type { CollectionRule, ZoneidHostingState } from "./hosting-state";
import { unprocessable } from "./errors";

type Item = Record<string, unknown>;
type FieldErrors = Record<string, string[]>;

/** Memory a PM2 application may be given, in MB (guess: the document gives `available_memory` but no figure). */
export const PM2_AVAILABLE_MEMORY = 1024;

const isIp = (value: unknown) =>
  typeof value === "string" && (/^(\d{1,3})(\.\d{1,3}){3}$/.test(value) ? value.split(".").every((part) => Number(part) <= 255) : /^[0-9a-f:]+$/i.test(value) && value.includes(":"));

const integerIn = (value: unknown, low: number, high: number) => typeof value === "number" && Number.isInteger(value) && value >= low && value <= high;

export const RUNTIME_COLLECTIONS: CollectionRule[] = [
  {
    // VServerNodejsApplication: `id` names the item (the GET/PUT/DELETE identificator).
    path: "process/pm2",
    idField: "id",
    generatedId: true,
    updatable: true,
    createStatus: 200,
    writeOnly: [],
    required: ["name", "scriptname"],
    // Guess: a new process is created stopped and started by …/start.
    defaults: { memory_limit: 256, status: "stopped", enabled: false },
    computed: (item) => ({ home_dir: `/data01/virt${item.id}/nodejs/${item.name}`, available_memory: PM2_AVAILABLE_MEMORY }),
    validate: (item) => ({
      ...(typeof item.name === "string" && /^[A-Za-z0-9._-]{1,64}$/.test(item.name) ? {} : { name: ["Letters, digits, dot, dash and underscore, 1-64 characters"] }),
      ...(integerIn(item.memory_limit, 1, PM2_AVAILABLE_MEMORY) ? {} : { memory_limit: [`Between 1 and ${PM2_AVAILABLE_MEMORY}`] }),
    }),
    // Guess: PM2 names are unique within the service (PM2 addresses a process by name).
    validateInService: (item, collection): FieldErrors =>
      collection("process/pm2").some((other) => other.id !== item.id && other.name === item.name) ? { name: ["Already exists"] } : {},
    // DELETE 400: "another process in action or the app running".
    refuseDelete: (item) => (item.status === "online" ? "Cannot delete: the app is running" : undefined),
  },
  {
    // VServerPortForward: saved with POST …/portforward/{identificator}; `dport` follows `fport`.
    path: "portforward",
    idField: "identificator",
    generatedId: true,
    updatable: true,
    updateMethod: "POST",
    createStatus: 200,
    writeOnly: [],
    required: ["fport", "ip"],
    defaults: { comment: "", acl_enabled: false, acls: [] },
    computed: (item) => ({ id: item.identificator, dport: item.fport }),
    validate: (item) => ({
      ...(integerIn(item.fport, 1, 65535) ? {} : { fport: ["Port 1-65535"] }),
      ...(item.ip && typeof item.ip === "object" && isIp((item.ip as Item).ipv4) ? {} : { ip: ["A dedicated IPv4 address of the service is required"] }),
    }),
    // Guesses: the from-address must be a dedicated IP of the service, and one port of it is forwarded once.
    validateInService: (item, collection): FieldErrors => {
      const ipv4 = (item.ip as Item).ipv4;
      if (!collection("dedicatedip").some((ip) => ip.ipv4 === ipv4)) return { ip: ["Not a dedicated IP of this service"] };
      const taken = collection("portforward").some((other) => other.identificator !== item.identificator && (other.ip as Item).ipv4 === ipv4 && other.fport === item.fport);
      return taken ? { fport: ["Already forwarded"] } : {};
    },
  },
  {
    // VServerDedicatedIP has no id field: the identificator is the IPv4 address (guess: "human readable if applicable").
    path: "dedicatedip",
    idField: "ipv4",
    generatedId: false,
    updatable: false,
    writeOnly: [],
    required: ["ipv4"],
    defaults: { vhosts: [] },
    // DELETE 400: "cannot delete dedicated IP when it is in use" (guess: by a virtual host or a port forward).
    refuseDelete: (item, collection) =>
      (item.vhosts as unknown[]).length > 0 || collection("portforward").some((forward) => (forward.ip as Item).ipv4 === item.ipv4)
        ? "Cannot delete dedicated IP when it is in use"
        : undefined,
  },
  {
    // VServerRedisApplication: one per service, made by POST (no body); the document has no DELETE.
    path: "database/redis",
    idField: "id",
    generatedId: true,
    updatable: false,
    createStatus: 200,
    writeOnly: [],
    required: [],
    defaults: { name: "redis", status: "online", enabled: true },
    computed: () => ({ ip: "127.0.0.1", host: "localhost" }),
  },
];

/** POST …/process/pm2/{id}/{action} and …/database/redis/{id}/{action}: the item with its new status. */
export function applyAction(hosting: ZoneidHostingState, service: string, path: "process/pm2" | "database/redis", id: string, action: "start" | "stop" | "restart"): Item {
  hosting.get(service, path, id);
  hosting.actions.push({ service, path, id, action });
  const running = action !== "stop";
  return hosting.update(service, path, id, { status: running ? "online" : "stopped", enabled: running }, { force: true });
}

/** POST /vserver/{service}/dedicatedip: a new address from the fake's pool (documentation ranges). */
export function orderDedicatedIp(hosting: ZoneidHostingState, service: string): Item {
  const n = hosting.allocateNumber();
  return hosting.create(service, "dedicatedip", { ipv4: `192.0.2.${(n % 254) + 1}`, ipv6: `2001:db8::${n.toString(16)}`, vhosts: [] });
}

/** POST /vserver/{service}/database/redis: activates the service's Redis (guess: a second activation answers 400). */
export function activateRedis(hosting: ZoneidHostingState, service: string): Item {
  if (!hosting.hasService(service)) throw new EmulatorError(404, "Service not found");
  if (hosting.list(service, "database/redis").length > 0) throw new EmulatorError(400, "Redis is already active");
  return hosting.create(service, "database/redis", { password: newAuthKey(hosting), port: "6379" });
}

export function regenerateRedisAuth(hosting: ZoneidHostingState, service: string, id: string): Item {
  hosting.get(service, "database/redis", id);
  hosting.actions.push({ service, path: "database/redis", id, action: "regenerateauth" });
  return hosting.update(service, "database/redis", id, { password: newAuthKey(hosting) }, { force: true });
}

function newAuthKey(hosting: ZoneidHostingState): string {
  const n = hosting.allocateNumber();
  return `rk${n}${"x7Qp2Lm9".repeat(3)}`.slice(0, 24);
}

/**
 * The access list entries of a port forward are kept in its `acls` (the
 * document: "Access list ips and ids"), each as "{id}:{ip}" (guess).
 */
export function addAclEntry(hosting: ZoneidHostingState, service: string, forwardId: string, body: unknown): Item {
  const forward = hosting.get(service, "portforward", forwardId);
  const ip = (Array.isArray(body) ? body[0] : (body as Item | undefined))?.ip;
  if (!isIp(ip)) throw unprocessable("Validation failed", { ip: ["Invalid IP address"] });
  const entries = (forward.acls as string[]).map(parseAcl);
  if (entries.some((entry) => entry.ip === ip)) throw unprocessable("Validation failed", { ip: ["Already exists"] });
  const id = hosting.allocateNumber();
  hosting.update(service, "portforward", forwardId, { acls: [...(forward.acls as string[]), `${id}:${ip}`] }, { force: true });
  return { id, identificator: id, ip };
}

export function removeAclEntry(hosting: ZoneidHostingState, service: string, forwardId: string, aclId: string): void {
  const forward = hosting.get(service, "portforward", forwardId);
  const acls = forward.acls as string[];
  const kept = acls.filter((entry) => parseAcl(entry).id !== aclId);
  if (kept.length === acls.length) throw new EmulatorError(404, "Not found");
  hosting.update(service, "portforward", forwardId, { acls: kept }, { force: true });
}

function parseAcl(entry: string): { id: string; ip: string } {
  const at = entry.indexOf(":");
  return { id: entry.slice(0, at), ip: entry.slice(at + 1) };
}
