import { validateInputs } from "../../provider/inputs";
import { ApiError } from "../../provider/errors";
import { InstanceWire, gandiMessage, gigabytes, hasNextLink, idFromContentLocation, instanceWire, gandiFieldErrors } from "../../provider/gandi/wire";
import { instanceProperty } from "../../resources/gandi/fields";
import { camelCaseField } from "../../provider/errors";
import { compareVersions, instanceChangeProblems, instancePatch } from "../../resources/gandi/instanceChanges";
import { simpleHostingInstanceArgs } from "../../resources/gandi/instanceArgs";
import { isAlreadyExists, requiredRecords, simpleHostingVhostArgs, vhostPatch } from "../../resources/gandi/vhost";

describe("wire helpers", () => {
  test.each([
    [{ cause: "Forbidden", code: 403, message: "Access was denied to this resource.", object: "HTTPForbidden" }, "Access was denied to this resource. (cause: Forbidden, object: HTTPForbidden)"],
    [{ cause: "Unauthorized", code: 401, object: "HTTPUnauthorized" }, "Unauthorized (object: HTTPUnauthorized)"],
    [
      { cause: "Bad Request", code: 400, message: "Invalid request", object: "HTTPBadRequest", errors: [{ location: "body", name: "size", description: "Must be one of: starter." }] },
      "Invalid request (cause: Bad Request, object: HTTPBadRequest)",
    ],
    ["502 Bad Gateway\n", "502 Bad Gateway"],
    [undefined, undefined],
  ])("gandiMessage(%j)", (body, expected) => {
    expect(gandiMessage(body)).toBe(expected);
  });

  test("gandiFieldErrors reads errors[].name, and the location where a name is missing", () => {
    expect(
      gandiFieldErrors({ errors: [{ location: "body", name: "size", description: "Must be one of: starter." }, { location: "querystring", description: "bad" }] }),
    ).toEqual([
      { field: "size", message: "Must be one of: starter." },
      { field: "querystring", message: "bad" },
    ]);
    expect(gandiFieldErrors("502 Bad Gateway")).toEqual([]);
  });

  test.each([
    ["https://api.gandi.net/v5/simplehosting/instances/1b2c3d4e-0000-4000-a000-000000000001", "instances", "1b2c3d4e-0000-4000-a000-000000000001"],
    ["/v5/simplehosting/instances/abc", "instances", "abc"],
    ["https://api.gandi.net/v5/simplehosting/instances/abc/vhosts/www.example.com", "vhosts", "www.example.com"],
    ["https://api.gandi.net/v5/simplehosting/instances/abc?x=1", "instances", "abc"],
    ["https://api.gandi.net/v5/simplehosting/instances", "instances", undefined],
    [undefined, "instances", undefined],
  ] as const)("idFromContentLocation(%s, %s)", (location, collection, expected) => {
    expect(idFromContentLocation(location, collection)).toBe(expected);
  });

  test.each([
    ['<https://x/instances?page=2&per_page=100>; rel="next", <https://x/instances?page=3>; rel="last"', true],
    ['<https://x/instances?page=3>; rel="last"', false],
    ["<https://x/instances?page=2>; rel=next", true],
    [undefined, false],
  ])("hasNextLink(%s)", (link, expected) => {
    expect(hasNextLink(link)).toBe(expected);
  });

  test.each([
    [{ unit: "GB", value: 20 }, 20],
    [{ unit: "MB", value: 10240 }, 10],
    [null, null],
  ])("gigabytes(%j)", (quantity, expected) => {
    expect(gigabytes(quantity)).toBe(expected);
  });

  test("instance payloads accept numbers as strings and missing optional fields", () => {
    const parsed = instanceWire.parse({ id: "i-1", name: "n", size: "pro", status: "active", cpu: "4", storage: { additional: { unit: "GB", value: "10" } } });
    expect(parsed.cpu).toBe(4);
    expect(parsed.ram).toBeUndefined();
    expect(gigabytes(parsed.storage?.additional)).toBe(10);
  });
});

describe("SimpleHostingInstance inputs", () => {
  const valid = { name: "web", location: "fr", size: "Starter", database: "mysql", language: "php" };

  test("normalizes and fills defaults", () => {
    const { inputs, failures } = validateInputs(simpleHostingInstanceArgs, valid);
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ location: "FR", size: "starter", storageAdditionalSize: 0, snapshotEnabled: false, duration: 1, validateBeforeCreate: true });
  });

  test.each([
    [{ sshKeys: ["ssh-ed25519 AAAAC3Nza me@host"] }, "password"],
    [{ sshKeys: ["not a key"], password: "long-enough" }, "sshKeys.0"],
    [{ duration: 0 }, "duration"],
    [{ storageAdditionalSize: 1.5 }, "storageAdditionalSize"],
    [{ vhosts: [{ fqdn: "a.example.com" }, { fqdn: "A.example.com." }] }, "vhosts"],
    [{ unknownThing: true }, "unknownThing"],
  ])("refuses %j at %s", (extra, property) => {
    const { failures } = validateInputs(simpleHostingInstanceArgs, { ...valid, ...extra });
    expect(failures.map((failure) => failure.property)).toContain(property);
  });

  const parsed = (extra: Record<string, unknown> = {}) => simpleHostingInstanceArgs.parse({ ...valid, ...extra });

  test.each([
    [{ storageAdditionalSize: 20 }, { storageAdditionalSize: 10 }, ["storageAdditionalSize"]],
    [{ storageAdditionalSize: 10 }, { storageAdditionalSize: 20 }, []],
    // PATCH size: "Only supported for s, s+, m, l, xl, and xxl instances", to s+, m, l or xxl
    [{ size: "starter" }, { size: "business" }, ["size"]],
    [{ size: "pro" }, { size: "starter" }, ["size"]],
    [{ size: "s" }, { size: "m" }, []],
    [{ size: "xl" }, { size: "s+" }, []],
    [{ size: "s" }, { size: "starter" }, ["size"]],
    [{ size: "s" }, { size: "xl" }, ["size"]],
    [{ size: "s" }, { size: "xxl" }, []],
    [{ languageVersion: "8.2" }, { languageVersion: "8.1" }, ["languageVersion"]],
    [{ languageVersion: "8.2" }, { languageVersion: "8.10" }, []],
  ])("change %j → %j fails at %j", (before, after, properties) => {
    expect(instanceChangeProblems(parsed(before), parsed(after)).map((failure) => failure.property)).toEqual(properties);
  });

  test.each([
    ["8.2", "8.10", -1],
    ["20", "18", 1],
    ["3.11", "3.11.0", 0],
  ])("compareVersions(%s, %s)", (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });

  const live = (extra: Partial<InstanceWire> = {}): InstanceWire =>
    instanceWire.parse({
      id: "i-1",
      name: "web",
      size: "starter",
      status: "active",
      snapshot_enabled: false,
      language: { name: "php", version: "8.1" },
      storage: { additional: { unit: "GB", value: 10 } },
      upgrade_to: [{ id: "lang-82", name: "php", type: "language", version: "8.2", status: "available" }],
      ...extra,
    });

  test("the patch holds only what differs, a language upgrade by its id, a password only when changed", () => {
    expect(instancePatch(live(), parsed({ password: "same-password" }), parsed({ password: "same-password", storageAdditionalSize: 10 }))).toEqual({});
    expect(instancePatch(live({ size: "s" }), parsed({ size: "s" }), parsed({ size: "m", storageAdditionalSize: 20, languageVersion: "8.2", password: "a-new-password" }))).toEqual({
      size: "m",
      storage_additional_size: 20,
      language_id: "lang-82",
      password: "a-new-password",
    });
    // live storage already larger (grown elsewhere): never sent, it would be a decrease
    expect(instancePatch(live(), parsed(), parsed({ storageAdditionalSize: 5 }))).toEqual({});
  });

  test("a booster size is sent as booster_options.size with booster, only when it differs from the active booster's", () => {
    const boosted = (size: string) => live({ booster: { current: { status: "active", size_override: size } } } as Partial<InstanceWire>);
    expect(instancePatch(live(), parsed(), parsed({ booster: true, boosterSize: "pro" }))).toEqual({ booster: true, booster_options: { size: "pro" } });
    expect(instancePatch(boosted("business"), parsed(), parsed({ booster: true, boosterSize: "pro" }))).toEqual({ booster: true, booster_options: { size: "pro" } });
    expect(instancePatch(boosted("pro"), parsed(), parsed({ booster: true, boosterSize: "pro" }))).toEqual({});
    expect(validateInputs(simpleHostingInstanceArgs, { ...valid, boosterSize: "pro" }).failures).toEqual([
      { property: "boosterSize", reason: "has no effect unless booster is true" },
    ]);
    expect(validateInputs(simpleHostingInstanceArgs, { ...valid, booster: true, boosterSize: "huge" }).failures.map((failure) => failure.property)).toEqual(["boosterSize"]);
  });

  test("a live size Gandi cannot resize (adoption, a console change) is never PATCHed: the error names size", () => {
    expect(() => instancePatch(live(), parsed(), parsed({ size: "pro" }))).toThrow("web: size cannot change from starter to pro: Gandi resizes only s, s+, m, l, xl, xxl instances");
    expect(() => instancePatch(live({ size: "m" }), parsed(), parsed({ size: "xl" }))).toThrow("to s+, m, l, xxl only");
  });

  test("limits the reference does not set are not invented: long names, long durations, short passwords pass check", () => {
    const { failures } = validateInputs(simpleHostingInstanceArgs, { ...valid, name: "n".repeat(65), duration: 240, password: "pw" });
    expect(failures).toEqual([]);
  });

  test("a language version that is not offered fails with the versions that are", () => {
    expect(() => instancePatch(live(), parsed(), parsed({ languageVersion: "9.0" }))).toThrow("9.0 is not an available upgrade (available: 8.2)");
  });
});

describe("SimpleHostingVhost", () => {
  test("a linkedDnsZone without allowAlteration is refused at check (POST vhost: Required); omitting linkedDnsZone is fine", () => {
    const base = { instanceId: "1b2c3d4e-0000-4000-a000-000000000001", fqdn: "a.example.com" };
    const { failures } = validateInputs(simpleHostingVhostArgs, { ...base, linkedDnsZone: { allowAlterationOverride: false } });
    expect(failures).toEqual([{ property: "linkedDnsZone.allowAlteration", reason: expect.stringContaining("is required when linkedDnsZone is given") }]);
    expect(validateInputs(simpleHostingVhostArgs, base).failures).toEqual([]);
  });

  test("inputs: Punycode fqdn and defaults", () => {
    const { inputs, failures } = validateInputs(simpleHostingVhostArgs, { instanceId: "1b2c3d4e-0000-4000-a000-000000000001", fqdn: "Bücher.Example.COM." });
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ fqdn: "xn--bcher-kva.example.com", httpsStrategy: "allow_HTTP_and_HTTPS", linkedDnsZone: { allowAlteration: false } });
  });

  test.each([
    [{ key: "@", is_root: true, txt: "verify=1", ipv4: "192.0.2.1", ipv6: "2001:db8::1", cname: "x.", domain: "example.com" }, ['@ TXT "verify=1" (in zone example.com)', "@ A 192.0.2.1 (in zone example.com)", "@ AAAA 2001:db8::1 (in zone example.com)"]],
    [{ key: "www", is_root: false, txt: "verify=2", cname: "webredir.vip.gandi.net.", domain: "example.com" }, ['www TXT "verify=2" (in zone example.com)', "www CNAME webredir.vip.gandi.net. (in zone example.com)"]],
    [null, []],
  ])("records to add for %j", (zone, records) => {
    expect(requiredRecords(zone as never, "www.example.com")).toEqual(records);
  });

  test("the patch sends only changed settings", () => {
    const news = simpleHostingVhostArgs.parse({ instanceId: "1b2c3d4e-0000-4000-a000-000000000001", fqdn: "a.example.com", httpsStrategy: "HTTP_only" });
    const wire = { fqdn: "a.example.com", status: "running", https_strategy: "HTTP_only", linked_dns_zone: { allow_alteration: false } } as never;
    expect(vhostPatch(wire, news, news)).toEqual({});
    expect(vhostPatch(wire, news, { ...news, httpsStrategy: "redirect_HTTP_to_HTTPS", linkedDnsZone: { allowAlteration: true, allowAlterationOverride: true } })).toEqual({
      https_strategy: "redirect_HTTP_to_HTTPS",
      linked_dns_zone: { allow_alteration: true, allow_alteration_override: true },
    });
  });
});

describe("Gandi's field names mapped back to input properties", () => {
  test.each([
    ["size", "size"],
    ["type.language.version", "languageVersion"],
    ["type/database/name", "database"],
    ["authentication.password", "password"],
    ["authentication.ssh_keys.0", "sshKeys.0"],
    ["authentication.keys", "sshKeyIds"],
    ["storage_additional_size", "storageAdditionalSize"],
    ["language_id", "languageVersion"],
    ["duration_unit", "duration"],
    ["vhosts.1.linked_dns_zone.allow_alteration", "vhosts.1.linkedDnsZone.allowAlteration"],
    ["vhosts[0].fqdn", "vhosts.0.fqdn"],
  ])("instance field %s is the input %s", (field, property) => {
    expect(instanceProperty(field)).toBe(property);
  });

  test.each([
    ["linked_dns_zone.allow_alteration", "linkedDnsZone.allowAlteration"],
    ["https_strategy", "httpsStrategy"],
    ["application.name", "application.name"],
  ])("vhost field %s is the input %s", (field, property) => {
    expect(camelCaseField(field)).toBe(property);
  });

  test("a refusal names the properties: the fields Gandi lists are said as instance inputs", () => {
    const body = {
      cause: "Bad Request",
      code: 400,
      message: "Invalid request",
      object: "HTTPBadRequest",
      errors: [
        { location: "body", name: "storage_additional_size", description: "Only increases are supported." },
        { location: "body", name: "type.language.version", description: "php 9.9 is not available." },
      ],
    };
    const refusal = new ApiError({ vendor: "Gandi", method: "PATCH", path: "/instances/i-1" }, 400, gandiMessage(body), undefined, gandiFieldErrors(body));
    refusal.namingInputs(instanceProperty);
    expect(refusal.message).toBe(
      "Gandi API PATCH /instances/i-1 answered 400: Invalid request (cause: Bad Request, object: HTTPBadRequest) — " +
        "storageAdditionalSize: Only increases are supported.; languageVersion: php 9.9 is not available.",
    );
    expect(refusal.stack).toContain("languageVersion: php 9.9 is not available.");
  });

  test("POST vhost's 422 is documented without a body: the status alone means the vhost already exists", () => {
    const request = { vendor: "Gandi", method: "POST", path: "/instances/i-1/vhosts" };
    expect(isAlreadyExists(new ApiError(request, 422, undefined))).toBe(true);
    expect(isAlreadyExists(new ApiError(request, 400, undefined))).toBe(false);
  });
});
