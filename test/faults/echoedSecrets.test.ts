import { createEmulatorClock } from "../../emulator/core";
import { GandiEmulator } from "../../emulator/gandi";
import { DEFAULT_GIGAHOST_USERNAME, GigahostEmulator } from "../../emulator/gigahost";
import { GigasEmulator } from "../../emulator/gigas";
import { ZoneidEmulator } from "../../emulator/zoneid";
import { SimpleHostingInstance } from "../../resources/gandi";
import { DnsRecord as GigahostDnsRecord } from "../../resources/gigahost";
import { VirtualMachine } from "../../resources/gigas";
import { CloudServer, FtpUser, MailAccount, MysqlUser, SslCertificate } from "../../resources/zoneid";
import { StateEntry, programResource } from "../harness/engine";
import { ProviderCallError, secretValue } from "../harness/providerHost";
import { Fixture, startFixture } from "../support/fixture";

/**
 * A careless vendor repeats the whole request in its error answers: headers
 * (Authorization included) and body. With the emulator echoing every error,
 * every secret — credentials from the stack config and secret inputs alike —
 * carries a sentinel, and no error, no log line (debug level) and no
 * non-secret output may hold it in any encoding a vendor could echo it in.
 */

// Every secret contains SENTINEL and nothing else does. The quotes, slashes,
// plus signs, ampersands and spaces make every encoding differ from the raw
// value; the marker between them shows any piece of a secret that survives.
const SENTINEL = "SNTL";
const password = (name: string) => `${SENTINEL}-${name} "${SENTINEL}"/${SENTINEL}+&=${SENTINEL}`;
const ZONEID_USERNAME = "echo-user";
const ZONEID_API_KEY = `${SENTINEL}zoneidKey0123456789abcdef${SENTINEL}`;
const GIGAS_API_KEY = `${SENTINEL}-gigas-key-0f1e2d3c4b5a6978-${SENTINEL}`;
const GANDI_TOKEN = `${SENTINEL}-gandi-token-0123456789abcdef-${SENTINEL}`;
const GIGAHOST_PASSWORD = password("gigahost");
const MAIL_PASSWORD = password("mail");
const MYSQL_PASSWORD = password("mysql");
const FTP_PASSWORD = password("ftp");
const CLOUD_PASSWORD = password("cloud");
const ROOT_PASSWORD = password("root");
const GANDI_PASSWORD = password("gandi");
const PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----\nMIIE${SENTINEL}keyMaterial/+="${SENTINEL}"\nline2${SENTINEL}\n-----END PRIVATE KEY-----\n`;
const CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIB CN=www.example.com\n-----END CERTIFICATE-----\n";
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk2YcFq1pYf0 me@laptop";

const SECRETS = [
  ZONEID_API_KEY, GIGAS_API_KEY, GANDI_TOKEN, GIGAHOST_PASSWORD, MAIL_PASSWORD, MYSQL_PASSWORD, FTP_PASSWORD,
  CLOUD_PASSWORD, ROOT_PASSWORD, GANDI_PASSWORD, PRIVATE_KEY,
];

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

/** Every form in which a vendor could echo a secret, named for the failure message. */
function encodings(secret: string): Record<string, string> {
  return {
    raw: secret,
    base64: base64(secret),
    "json-escaped": jsonEscaped(secret),
    "json-escaped twice": jsonEscaped(jsonEscaped(secret)),
    "url-encoded": encodeURIComponent(secret),
    "form-encoded": new URLSearchParams({ value: secret }).toString().slice("value=".length),
  };
}

const FORBIDDEN: { label: string; text: string }[] = [
  ...SECRETS.flatMap((secret, index) =>
    Object.entries(encodings(secret)).map(([encoding, text]) => ({ label: `secret #${index} (${encoding})`, text })),
  ),
  { label: "ZoneID Basic credential (base64 of user:apiKey)", text: base64(`${ZONEID_USERNAME}:${ZONEID_API_KEY}`) },
  // Whatever survives of a secret that was cut short or encoded some other way still carries the marker.
  { label: "sentinel marker", text: SENTINEL },
];

/** The forbidden strings found in `text`. */
function leaks(where: string, text: string): string[] {
  return FORBIDDEN.filter(({ text: forbidden }) => text.includes(forbidden)).map(({ label }) => `${where}: ${label}`);
}

const SERVICE = "hosting.example.com";
const TIME_SCALE = 120;

let fixture: Fixture;
let zoneid: ZoneidEmulator;
const errors: string[] = [];

beforeAll(async () => {
  const clock = createEmulatorClock({ scale: TIME_SCALE });
  zoneid = new ZoneidEmulator({ clock, users: [{ username: ZONEID_USERNAME, apiKey: ZONEID_API_KEY }] });
  zoneid.addWebHosting(SERVICE);
  const gigas = new GigasEmulator({ clock, apiKeys: [GIGAS_API_KEY] });
  const gandi = new GandiEmulator({ clock, tokens: [GANDI_TOKEN] });
  // The configured Gigahost password is not the account's: every login is refused.
  const gigahost = new GigahostEmulator({ clock, zoneWriteMs: 10 });
  fixture = await startFixture(
    [zoneid, gigas, gandi, gigahost],
    (server) => ({
      "zoneid:apiUrl": server.urlFor("zoneid"),
      "zoneid:username": ZONEID_USERNAME,
      "zoneid:apiKey": secretValue(ZONEID_API_KEY),
      "gigas:apiUrl": server.urlFor("gigas"),
      "gigas:apiKey": secretValue(GIGAS_API_KEY),
      "gandi:apiUrl": server.urlFor("gandi"),
      "gandi:personalAccessToken": secretValue(GANDI_TOKEN),
      "gigahost:apiUrl": server.urlFor("gigahost"),
      "gigahost:username": DEFAULT_GIGAHOST_USERNAME,
      "gigahost:password": secretValue(GIGAHOST_PASSWORD),
    }),
    { timeScale: TIME_SCALE, env: { EURO_HOSTING_LOG: "debug" } },
  );
  fixture.server.setEchoRequestsInErrors(true);
});
afterAll(() => fixture?.stop());

/** Runs `pulumi up` of one resource that the vendor refuses; keeps the error text (and any partial state) for the scan. */
async function refusedUp(make: () => import("@pulumi/pulumi").Resource): Promise<void> {
  const resource = await programResource(make);
  let failure: unknown;
  try {
    await fixture.engine.up(resource);
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(ProviderCallError);
  const error = failure as ProviderCallError;
  errors.push(error.message, JSON.stringify(error.initFailure ?? {}));
}

/** The outputs a user sees in clear: everything but the properties the class marks secret. */
function visibleOutputs(entry: StateEntry, secretOutputs: string[]): string {
  return JSON.stringify(Object.fromEntries(Object.entries(entry.outputs).filter(([key]) => !secretOutputs.includes(key))));
}

const ALL_WRITE_ATTEMPTS = 6;

test("echo mode: vendor refusals and injected faults carry the request in the vendor's error shape", async () => {
  const { server } = fixture;
  const post = (vendor: string, path: string, authorization: string) =>
    fetch(`${server.urlFor(vendor)}${path}`, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify({ password: "echo-me" }) });
  // A vendor's own refusal (unknown route), in its JSON error shape.
  const refused = await post("gigas", "/nowhere", `Bearer ${GIGAS_API_KEY}`);
  expect(refused.status).toBe(404);
  expect(await refused.json()).toEqual({ code: 404, error: expect.stringContaining(`"authorization":"Bearer ${GIGAS_API_KEY}"`) });
  // ZoneID's text goes in X-Status-Message, a header: the JSON body is echoed with its escapes.
  const basic = `Basic ${base64(`${ZONEID_USERNAME}:${ZONEID_API_KEY}`)}`;
  const zoneidRefusal = await post("zoneid", "/nowhere", basic);
  expect(zoneidRefusal.headers.get("x-status-message")).toContain(`body {"password":"echo-me"} values ["echo-me"]`);
  // Injected faults: 500 in the vendor's shape, 502/503 as plain text.
  server.setFaults({ rate: 1, kinds: ["5xx"], seed: 3 });
  try {
    const answers = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const response = await post("gigahost", "/dns/zones", "Bearer x-token");
        return { type: response.headers.get("content-type")?.split(";")[0], text: await response.text() };
      }),
    );
    expect(new Set(answers.map((answer) => answer.type))).toEqual(new Set(["application/json", "text/plain"]));
    for (const { text } of answers) expect(text).toMatch(/request: POST \/gigahost\/api\/v0\/dns\/zones headers .*Bearer x-token/);
  } finally {
    server.setFaults(undefined);
  }
});

test("ZoneID: refused writes of every secret input echo the Basic credential and the secret; none of it leaks", async () => {
  const refused = [
    () => new MailAccount("mail", { service: SERVICE, address: "info@example.com", password: MAIL_PASSWORD }),
    () => new MysqlUser("db-user", { service: SERVICE, username: "d1_app", password: MYSQL_PASSWORD }),
    () => new FtpUser("ftp", { service: SERVICE, username: "deploy", password: FTP_PASSWORD }),
    () => new SslCertificate("tls", { service: SERVICE, name: "www", certificate: CERTIFICATE, privateKey: PRIVATE_KEY, hosts: ["www.example.com"] }),
    () => new CloudServer("vps", { datacenter: "tll01", package: "vps-s", os: "ubuntu-24.04", sshPublicKey: SSH_KEY, password: CLOUD_PASSWORD, vcpu: 1, ramGb: 2, diskGb: 40 }),
  ];
  for (const make of refused) {
    zoneid.refuseNext("locked", ALL_WRITE_ATTEMPTS);
    await refusedUp(make as never);
  }
  expect(errors.join("\n")).toMatch(/Process locked; request: (POST|PUT) /);

  // Accepted: the visible outputs hold no secret either.
  const created = await fixture.engine.up(await programResource(() => new MailAccount("mail2", { service: SERVICE, address: "sales@example.com", password: MAIL_PASSWORD })));
  expect(leaks("MailAccount outputs", visibleOutputs(created.entry, ["password"]))).toEqual([]);
});

test("Gigas: a refused VM order echoes the session and initialRootPassword; none of it leaks", async () => {
  await refusedUp(() =>
    new VirtualMachine("vm", {
      label: "vm web1",
      hostname: "web1",
      templateId: "2266610116",
      locationId: "999999",
      memory: 1024,
      cpus: 1,
      primaryDiskSize: 10,
      swapDiskSize: 1,
      initialRootPassword: ROOT_PASSWORD,
    }),
  );
});

test("Gandi: a refused instance order echoes the token and the password; none of it leaks", async () => {
  await refusedUp(() =>
    new SimpleHostingInstance("web", {
      name: "web-1",
      location: "FR",
      size: "starter",
      database: "mysql",
      language: "php",
      languageVersion: "9.9",
      password: GANDI_PASSWORD,
      validateBeforeCreate: false,
    }),
  );
});

test("Gigahost: a refused login echoes the password; none of it leaks", async () => {
  await refusedUp(() => new GigahostDnsRecord("www", { zoneId: "1234", name: "www", type: "A", value: "192.0.2.10" }));
});

test("no error, log line or visible output holds a secret in any encoding", () => {
  expect(errors.length).toBeGreaterThanOrEqual(8);
  const found = [...leaks("errors", errors.join("\n")), ...leaks("provider stderr", fixture.host.stderr)];
  expect(found).toEqual([]);
  // The scan saw the requests: debug logging was on and the vendors refused them.
  expect(fixture.host.stderr).toMatch(/debug: ZoneID: POST .* → 400/);
});
