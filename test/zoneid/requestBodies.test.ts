// Every request the ZoneID client sends, checked against the vendor's OpenAPI
// document with the emulator's own validator (emulator/zoneid/spec.ts), with
// no emulator: the HTTP core is replaced by a recorder. A client or resource
// change that breaks the contract fails here.
import { zoneidSpec } from "../../emulator/zoneid/spec";
import type { OperationContext } from "../../provider/dynamic";
import { operationContext } from "../../provider/dynamic";
import { HttpCore, type RequestOptions } from "../../provider/http";
import { memoryLogger } from "../../provider/log";
import { vendorSettings } from "../../provider/settings";
import { ZoneidClient, type RecordType } from "../../provider/zoneid/client";
import { definitions } from "../../resources/zoneid/definitions";
import { RECORD_TYPES, dnsRecordArgs, recordToWire } from "../../resources/zoneid/dnsRecord";
import { fakeClock } from "../support/fakeClock";

interface Sent {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

const settings: Record<string, string> = { "zoneid:apiUrl": "https://zoneid.invalid/v2", "zoneid:username": "contract", "zoneid:apiKey": "contract-key" };

/** Records every request; GETs answer `getAnswer(path)` (default: an empty list), writes answer nothing. */
function recordRequests(getAnswer: (path: string) => unknown = () => []): Sent[] {
  const sent: Sent[] = [];
  jest.spyOn(HttpCore.prototype, "request").mockImplementation(async function (this: HttpCore, options: RequestOptions<unknown>) {
    const query = Object.fromEntries(Object.entries(options.query ?? {}).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)]));
    sent.push({ method: options.method, path: options.path, query, body: options.body });
    return { status: 200, headers: {}, body: options.method === "GET" ? getAnswer(options.path) : undefined } as never;
  });
  return sent;
}

afterEach(() => jest.restoreAllMocks());

/** What the spec says of each request: empty when every request matches its operation. */
function refusals(sent: Sent[]): string[] {
  const spec = zoneidSpec();
  return sent.flatMap((request) => {
    const match = spec.match(request.method, request.path);
    if (match.kind !== "operation") return [`${request.method} ${request.path}: ${match.kind}`];
    const errors = [...spec.pathErrors(match.operation, match.params), ...spec.queryErrors(match.operation, request.query), ...spec.bodyErrors(match.operation, request.body)];
    return errors.map((error) => `${request.method} ${match.operation.template}: ${error.field} ${error.message}`);
  });
}

function client(): ZoneidClient {
  return new ZoneidClient(vendorSettings("zoneid", (key) => settings[key]), { logger: memoryLogger(), clock: fakeClock() });
}

function context(): OperationContext {
  const clock = fakeClock();
  return operationContext("create", 60_000, { settings: (key: string) => settings[key], logger: memoryLogger(), clock, creationTag: "peh-0123456789abcdef" });
}

test("the validator refuses what the spec refuses, so these checks can fail", () => {
  expect(
    refusals([
      { method: "POST", path: "/domain/example.ee/nameserver", query: {}, body: { hostname: "ns1.example.ee", ip: [] } },
      { method: "PUT", path: "/domain/example.ee", query: {}, body: { autorenew: true } },
      { method: "GET", path: "/order/cloud/options/all", query: {}, body: undefined },
    ]),
  ).toEqual(["POST /domain/{service_name}/nameserver: body must be array", "PUT /domain/{service_name}: autorenew is read-only and cannot be set", "GET /order/cloud/options/all: unknown-path"]);
});

test("client methods with fixed bodies: zone, cloud order and options, resize, actions, access, MySQL grants", async () => {
  const sent = recordRequests();
  const zoneid = client();
  await zoneid.updateZone("example.com", { active: true, ipv6: false });
  await zoneid.getCloudOrderOptions();
  await zoneid.orderCloudServer({ datacenter: "tll01", package: "vps-s", os: "debian-12", billing_period: 1, ssh_public_key: "ssh-ed25519 AAAA peh-0123456789abcdef" });
  await zoneid.resizeCloudServer("uvn-00-1.tll01.zonevs.eu", { vcpu: 2, ramGb: 4, diskGb: 80 });
  for (const action of ["start", "reboot", "shutdown", "shutdown_hard"] as const) await zoneid.cloudServerAction("uvn-00-1.tll01.zonevs.eu", action);
  await zoneid.setCloudServerAccess("uvn-00-1.tll01.zonevs.eu", "ssh", "debian", "ssh-ed25519 AAAA");
  await zoneid.setCloudServerAccess("uvn-00-1.tll01.zonevs.eu", "password", "debian", "long-enough-password");
  await zoneid.setMysqlPermissions("web.example.com", "d1_app", "d1_db", ["SELECT", "INSERT"]);
  expect(sent.map((request) => request.method)).toEqual(["PUT", "OPTIONS", "POST", "PUT", "POST", "POST", "POST", "POST", "PUT", "PUT", "PUT"]);
  expect(refusals(sent)).toEqual([]);
});

test("DNS record bodies of every type, as DnsRecord builds them, on create and update", async () => {
  const sent = recordRequests();
  const zoneid = client();
  const extra: Record<RecordType, Record<string, unknown>> = {
    a: { destination: "192.0.2.1" },
    aaaa: { destination: "2001:db8::1" },
    ns: { destination: "ns1.example.net" },
    mx: { destination: "mx.example.net", priority: 10 },
    cname: { destination: "target.example.net" },
    txt: { destination: "v=spf1 -all" },
    caa: { destination: "letsencrypt.org", flag: 0, tag: "issue" },
    sshfp: { destination: "abcdef0123", algorithm: 4, fingerprintType: 2 },
    srv: { destination: "sip.example.net", priority: 1, weight: 5, port: 5060 },
    url: { destination: "https://example.net/", redirectType: 301 },
    tlsa: { destination: "abcdef0123", certificateUsage: 3, selector: 1, matchingType: 1 },
  };
  for (const type of RECORD_TYPES) {
    const body = recordToWire(dnsRecordArgs.parse({ zone: "example.com", name: "host", type, ...extra[type] }) as never);
    await zoneid.createRecord("example.com", type, body);
    await zoneid.updateRecord("example.com", type, "12", body);
  }
  expect(sent.filter((request) => request.method !== "GET")).toHaveLength(22);
  expect(refusals(sent)).toEqual([]);
});

/** Inputs a user could write for each web hosting and domain collection, and a changed copy for the update. */
const COLLECTION_INPUTS: Record<string, { inputs: Record<string, unknown>; changed: Record<string, unknown> }> = {
  "zoneid:MailAccount": { inputs: { service: "web.example.com", address: "box@web.example.com", password: "long-Password-1" }, changed: { comment: "c", password: "other-Password-2" } },
  "zoneid:MailForwarder": { inputs: { service: "web.example.com", address: "fw@web.example.com", forwardAddresses: ["x@example.net"] }, changed: { forwardAddresses: ["y@example.net"] } },
  "zoneid:MysqlDatabase": { inputs: { service: "web.example.com", name: "d1_db" }, changed: { comment: "c" } },
  "zoneid:MysqlUser": { inputs: { service: "web.example.com", username: "d1_app", password: "long-Password-1" }, changed: { comment: "c", password: "other-Password-2" } },
  "zoneid:Crontab": { inputs: { service: "web.example.com", name: "job", type: "http", command: "https://web.example.com/cron", schedule: "*/5 * * * *" }, changed: { schedule: "0 * * * *" } },
  "zoneid:SshKey": { inputs: { service: "web.example.com", publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA me@host" }, changed: { comment: "c" } },
  "zoneid:SslCertificate": {
    inputs: { service: "web.example.com", name: "cert", certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", privateKey: "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----" },
    changed: { hosts: ["web.example.com"] },
  },
  "zoneid:FtpUser": { inputs: { service: "web.example.com", username: "uploader", password: "long-Password-1" }, changed: { directory: "/up" } },
  "zoneid:Pm2Process": { inputs: { service: "web.example.com", name: "api", script: "server.js" }, changed: { memoryLimit: 512 } },
  "zoneid:PortForward": { inputs: { service: "web.example.com", dedicatedIp: "192.0.2.10", port: 2222, acl: ["203.0.113.9"] }, changed: { port: 2223 } },
  "zoneid:AdditionalPackage": { inputs: { service: "web.example.com", package: "disk_10gb", quantity: 2 }, changed: { quantity: 3 } },
  "zoneid:DomainNameserver": { inputs: { service: "example.ee", hostname: "ns1.example.ee", ips: ["192.0.2.53"] }, changed: { ips: ["192.0.2.54"] } },
  "zoneid:DomainContact": {
    inputs: { service: "example.ee", role: "tech", name: "Tech Person", email: "tech@example.ee", phone: "+372.5555555", street: "Street 1", city: "Tallinn", postalCode: "10111", country: "EE" },
    changed: { city: "Tartu" },
  },
};

test.each(Object.keys(COLLECTION_INPUTS))("%s: the create and update bodies match the spec", async (kind) => {
  const definition = definitions[kind]();
  const { inputs: raw, changed } = COLLECTION_INPUTS[kind];
  const parse = (value: Record<string, unknown>) => {
    const parsed = definition.inputs.safeParse(value);
    if (!parsed.success) throw new Error(`${kind}: test inputs refused: ${parsed.error.message}`);
    return parsed.data as Record<string, unknown>;
  };
  const inputs = parse(raw);
  const news = parse({ ...raw, ...changed });
  const sent = recordRequests();
  // The recorder answers no write, so each lifecycle call ends in an error after its request: only the requests matter here.
  await definition.create(inputs, context()).catch(() => undefined);
  await definition.update("1", { ...inputs }, news, context()).catch(() => undefined);
  expect(sent.some((request) => request.method === "POST")).toBe(true);
  // The spec has no PUT for a MySQL database or an SSH key (those update nothing at the vendor), nor for a port forward (saved with POST).
  expect(sent.some((request) => request.method === "PUT")).toBe(!["zoneid:MysqlDatabase", "zoneid:SshKey", "zoneid:PortForward"].includes(kind));
  expect(refusals(sent)).toEqual([]);
});

test("DomainSettings: the PUT carries only what the spec lets a client write", async () => {
  const sent = recordRequests((path) => (path === "/domain/example.ee" ? { name: "example.ee", autorenew: false, renewal_notifications: true, dnssec: false } : []));
  const definition = definitions["zoneid:DomainSettings"]();
  const inputs = definition.inputs.parse({ domain: "example.ee", adopt: true, renewalNotifications: false, signingRequired: true, nameserversCustom: false }) as Record<string, unknown>;
  await definition.create(inputs, context()).catch(() => undefined);
  expect(sent.some((request) => request.method === "PUT")).toBe(true);
  expect(refusals(sent)).toEqual([]);
});
