import * as pulumi from "@pulumi/pulumi";
import { validateInputs } from "../../provider/inputs";
import { Crontab, FtpUser, MailAccount, MailForwarder, MysqlDatabase, MysqlUser, SshAllowlistEntry, SshKey, SslCertificate } from "../../resources/zoneid";
import { crontabArgs } from "../../resources/zoneid/crontab";
import { mysqlUserArgs } from "../../resources/zoneid/mysqlUser";
import { sslCertificateArgs } from "../../resources/zoneid/sslCertificate";
import { CheckFailedError, programResource } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));

const service = "hosting.example.com";
const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
const KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----";

/** Per resource: invalid arguments and the property check must name. */
const invalid: [string, (args: Record<string, unknown>) => pulumi.Resource, [Record<string, unknown>, string][]][] = [
  [
    "MailAccount",
    (args) => new MailAccount("bad", args as never),
    [
      [{ service, address: "not-an-address", password: "long-enough-1" }, "address"],
      [{ service, address: "a@example.com", password: "short" }, "password"],
      [{ service, address: "a@example.com", password: "x".repeat(65) }, "password"],
      [{ service, address: "a@example.com", password: "long-enough-1", spamLevel: "extreme" }, "spamLevel"],
      [{ service, address: "a@example.com", password: "long-enough-1", forwardAddresses: ["nope"] }, "forwardAddresses.0"],
      [{ service: "no dot", address: "a@example.com", password: "long-enough-1" }, "service"],
      [{ service, address: "a@example.com", password: "long-enough-1", quota: 5 }, "quota"],
    ],
  ],
  [
    "MailForwarder",
    (args) => new MailForwarder("bad", args as never),
    [
      [{ service, address: "a@example.com", forwardAddresses: [] }, "forwardAddresses"],
      [{ service, address: "a@example.com" }, "forwardAddresses"],
      [{ service, address: "@example.com", forwardAddresses: ["b@example.com"] }, "address"],
      [{ service, address: "a@example.com", forwardAddresses: ["b@"] }, "forwardAddresses.0"],
      [{ service, address: "a@example.com", forwardAddresses: ["b@example.com"], comment: 5 }, "comment"],
      [{ address: "a@example.com", forwardAddresses: ["b@example.com"] }, "service"],
    ],
  ],
  [
    "MysqlDatabase",
    (args) => new MysqlDatabase("bad", args as never),
    [
      [{ service, name: "has-dash" }, "name"],
      [{ service, name: "" }, "name"],
      [{ service, name: "x".repeat(65) }, "name"],
      [{ service, name: "d1", collation: "utf8" }, "collation"],
      [{ service, name: "d1", comment: "x".repeat(256) }, "comment"],
      [{ service }, "name"],
    ],
  ],
  [
    "SshAllowlistEntry",
    (args) => new SshAllowlistEntry("bad", args as never),
    [
      [{ service, ip: "300.1.2.3" }, "ip"],
      [{ service, ip: "192.0.2.0/33" }, "ip"],
      [{ service, ip: "2001:db8::/129" }, "ip"],
      [{ service, ip: "192.0.2.0/24/1" }, "ip"],
      [{ service, ip: "office" }, "ip"],
      [{ service }, "ip"],
      [{ service, ip: "192.0.2.1", comment: "x".repeat(256) }, "comment"],
      [{ service: "no dot", ip: "192.0.2.1" }, "service"],
    ],
  ],
  [
    "MysqlUser",
    (args) => new MysqlUser("bad", args as never),
    [
      [{ service, username: "bad user", password: "long-enough-1" }, "username"],
      [{ service, username: "d1_app", password: "short" }, "password"],
      [{ service, username: "d1_app", password: "long-enough-1", hosts: ["internet"] }, "hosts.0"],
      [{ service, username: "d1_app", password: "long-enough-1", permissions: { d1: ["FLY"] } }, "permissions.d1.0"],
      [{ service, username: "d1_app", password: "long-enough-1", permissions: { d1: [] } }, "permissions.d1"],
      [{ service, username: "d1_app", password: "long-enough-1", requireSsl: "yes" }, "requireSsl"],
    ],
  ],
  [
    "Crontab",
    (args) => new Crontab("bad", args as never),
    [
      [{ service, name: "j", type: "cron", command: "/x.sh", schedule: "* * * * *" }, "type"],
      [{ service, name: "j", type: "system", command: "/x.sh", schedule: "* * * *" }, "schedule"],
      [{ service, name: "j", type: "http", command: "/x.sh", schedule: "* * * * *" }, "command"],
      [{ service, name: "j", type: "http", command: "https://example.com/c", schedule: "* * * * *", timezone: "UTC" }, "timezone"],
      [{ service, name: "j", type: "system", command: "/x.sh", schedule: "* * * * *", runtimeLimit: 60 }, "runtimeLimit"],
      [{ service, name: "j", type: "system", command: "x.sh", schedule: "* * * * *" }, "command"],
      [{ service, name: "j", type: "system", command: "/x.sh", schedule: "* * * * *", report: "sometimes" }, "report"],
    ],
  ],
  [
    "SshKey",
    (args) => new SshKey("bad", args as never),
    [
      [{ service, publicKey: "not a key" }, "publicKey"],
      [{ service, publicKey: "ssh-rsa" }, "publicKey"],
      [{ service, publicKey: "-----BEGIN OPENSSH PRIVATE KEY-----" }, "publicKey"],
      [{ service }, "publicKey"],
      [{ service, publicKey: "ssh-ed25519 AAAA", comment: ["x"] }, "comment"],
    ],
  ],
  [
    "SslCertificate",
    (args) => new SslCertificate("bad", args as never),
    [
      [{ service, name: "www", certificate: "hello", privateKey: KEY }, "certificate"],
      [{ service, name: "www", certificate: CERT, privateKey: "hello" }, "privateKey"],
      [{ service, name: "www", certificate: CERT }, "privateKey"],
      [{ service, name: "", certificate: CERT, privateKey: KEY }, "name"],
      [{ service, name: "www", certificate: CERT, privateKey: KEY, hosts: ["bad host"] }, "hosts.0"],
      [{ service, name: "www", certificate: CERT, privateKey: KEY, caCertificate: "junk" }, "caCertificate"],
    ],
  ],
  [
    "FtpUser",
    (args) => new FtpUser("bad", args as never),
    [
      [{ service, username: "bad user", password: "long-enough-1" }, "username"],
      [{ service, username: "deploy", password: "short" }, "password"],
      [{ service, username: "deploy", password: "long-enough-1", directory: "htdocs" }, "directory"],
      [{ service, username: "deploy", password: "long-enough-1", directory: "/../etc" }, "directory"],
      [{ service, username: "deploy", password: "long-enough-1", accessProfile: "open" }, "accessProfile"],
      [{ service, username: "deploy", password: "long-enough-1", requireTls: 1 }, "requireTls"],
    ],
  ],
];

describe.each(invalid)("%s: bad input is caught at check with zero API calls", (_resource, make, cases) => {
  test.each(cases)("%j → %s", async (args, property) => {
    fixture.server.resetRequests();
    const resource = await programResource(() => make(args));
    const failure = await fixture.engine.up(resource).catch((error) => error);
    expect(failure).toBeInstanceOf(CheckFailedError);
    expect((failure as CheckFailedError).failures.map((f) => f.property)).toContain(property);
    expect(fixture.server.requests).toHaveLength(0);
  });
});

describe("normalization at check", () => {
  test.each([
    [crontabArgs, { service, name: "j", type: "http", command: "https://example.com/c", schedule: " */5  * * * * " }, { schedule: "*/5 * * * *", timezone: null, runtimeLimit: null }],
    [crontabArgs, { service, name: "j", type: "system", command: "/x.sh", schedule: "0 3 * * *" }, { timezone: "UTC", runtimeLimit: 900 }],
    [mysqlUserArgs, { service: "Hosting.Example.com", username: "d1_app", password: "long-enough-1", hosts: ["WS", "pma", "ws"], permissions: { d1: ["select", "Insert", "SELECT"] } }, { service: "hosting.example.com", hosts: ["pma", "ws"], permissions: { d1: ["INSERT", "SELECT"] } }],
    [sslCertificateArgs, { service, name: "www", certificate: CERT.replace(/\n/g, "\r\n"), privateKey: KEY, hosts: ["WWW.Example.com."] }, { certificate: `${CERT}\n`, privateKey: `${KEY}\n`, hosts: ["www.example.com"], caCertificate: "" }],
  ] as const)("%#", (schema, raw, expected) => {
    const result = validateInputs(schema as never, raw as never);
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject(expected);
  });
});
