import { z } from "zod";
import { ResourceDefinition, bridge, withSecretOutputs } from "../../provider/dynamic";
import { ConfigurationError, ResourceInitializationError } from "../../provider/errors";
import { memoryLogger } from "../../provider/log";
import { basicCredentials, echoedForms, redact, registerSecret } from "../../provider/redact";
import { ALLOW_INSECURE_HTTP, apiUrlSetting, vendorSettings } from "../../provider/settings";
import { DnsRecord } from "../../resources/gigahost";
import { Engine, programResource } from "../harness/engine";
import { ProviderHost, secretValue } from "../harness/providerHost";
import { fakeClock } from "../support/fakeClock";

describe("redaction of a registered secret in every form a vendor could echo", () => {
  // Its base64 has padding and a "/", so every form below is different.
  const secret = 'pw "quoted"/plus+and&amp=1 ünï??';
  registerSecret(secret);
  const base64 = Buffer.from(secret).toString("base64");
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);

  test.each([
    ["raw", secret],
    ["base64", base64],
    ["base64 without padding", base64.replace(/=+$/, "")],
    ["base64url", Buffer.from(secret).toString("base64url")],
    ["JSON-escaped", jsonEscaped],
    ["JSON-escaped twice", JSON.stringify(jsonEscaped).slice(1, -1)],
    ["URL-encoded", encodeURIComponent(secret)],
    ["form-encoded", new URLSearchParams({ v: secret }).toString().slice(2)],
  ])("%s", (_form, echoed) => {
    const text = `vendor said: refused ${echoed} (end)`;
    expect(redact(text)).toBe("vendor said: refused [REDACTED] (end)");
  });

  test("the forms differ from each other for such a value (else the table above tests one form)", () => {
    expect(new Set(echoedForms(secret)).size).toBe(8);
  });

  test("a PEM private key echoed inside a JSON body, its newlines escaped", () => {
    const key = "-----BEGIN PRIVATE KEY-----\nMIIEvQ-material-one\nline-two\n-----END PRIVATE KEY-----\n";
    registerSecret(key);
    const echoed = `{"private_key":${JSON.stringify(key)},"name":"www"}`;
    expect(redact(echoed)).toBe('{"private_key":"[REDACTED]","name":"www"}');
  });

  test("a private key nobody registered is removed by its shape, also when cut short", () => {
    expect(redact('key "-----BEGIN RSA PRIVATE KEY-----\\nabc\\n-----END RSA PRIVATE KEY-----" end')).toBe('key "[REDACTED]" end');
    expect(redact("body -----BEGIN EC PRIVATE KEY-----\\nabcdef… (truncated)")).toBe("body [REDACTED]");
  });

  test("a quoted password field with escaped quotes goes whole", () => {
    expect(redact('{"password":"ab\\"cd\\"ef","user":"x"}')).toBe('{"password":[REDACTED],"user":"x"}');
  });

  test("the Basic credential (base64 of user:key) is registered with the key, also without its `Basic` prefix", () => {
    const encoded = basicCredentials("ops-user", "basic-api-key-1");
    expect(encoded).toBe(Buffer.from("ops-user:basic-api-key-1").toString("base64"));
    expect(redact(`invalid credential ${encoded}`)).toBe("invalid credential [REDACTED]");
    expect(redact("key basic-api-key-1")).toBe("key [REDACTED]");
  });

  test("the names of settings in an error survive: the bridge redacts every error", () => {
    const message = "Set an API key with gigas:apiKey / GIGAS_API_KEY, or gandi:apiKey / GANDI_API_KEY (Apikey auth)";
    expect(redact(message)).toBe(message);
  });

  test("values too short to be credentials are not redacted from ordinary text", () => {
    registerSecret("abc");
    expect(redact("abc def")).toBe("abc def");
  });
});

describe("the bridge registers a resource's secret properties before every operation", () => {
  const inputs = z.object({ name: z.string(), password: z.string() }).strict();
  type I = z.output<typeof inputs>;
  const secretiveState = z.object({ rootPassword: z.string() });
  const echo = (text: string) => {
    throw new Error(`vendor refused: ${text}`);
  };
  const definition: ResourceDefinition<I, typeof secretiveState> = {
    kind: "test:Secretive",
    inputs,
    state: secretiveState,
    replaceOnChanges: [],
    secretProperties: ["password", "rootPassword"],
    create: async (input) => echo(`'${input.password}' is not valid`),
    read: async (_id, state) => echo(`cannot read with ${state.rootPassword}`),
    update: async (_id, _olds, news) => echo(`{"password":${JSON.stringify(news.password)}}`),
    delete: async (_id, state) => {
      throw new ResourceInitializationError("x", {}, [`still has ${state.rootPassword}`]);
    },
  };
  const provider = bridge(definition, { logger: memoryLogger(), clock: fakeClock(), settings: () => undefined });

  test.each([
    ["create", () => provider.create({ name: "a", password: "create-Secret-1" }), "create-Secret-1"],
    ["read", () => provider.read("id", { name: "a", password: "p-unused-1", rootPassword: "read-Secret-2" }), "read-Secret-2"],
    ["update", () => provider.update("id", { name: "a", password: "old-Secret-3" }, { name: "a", password: 'new "Secret" 4' }), '\\"Secret\\"'],
    ["delete", () => provider.delete("id", { name: "a", password: "p-unused-2", rootPassword: "delete-Secret-5" }), "delete-Secret-5"],
  ])("%s: the thrown error's message, stack and reasons hold no secret", async (_operation, run, secret) => {
    const error = await (run as () => Promise<unknown>)().then(
      () => undefined,
      (caught: unknown) => caught as Error & { reasons?: string[] },
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toContain("[REDACTED]");
    expect(`${error!.message} ${error!.stack} ${(error!.reasons ?? []).join(" ")}`).not.toContain(secret);
  });

  test("the class marks the same properties secret", () => {
    expect(withSecretOutputs(definition, { additionalSecretOutputs: ["other"] }).additionalSecretOutputs).toEqual(["other", "password", "rootPassword"]);
    expect(withSecretOutputs({}, undefined).additionalSecretOutputs).toEqual([]);
  });
});

describe("<vendor>:apiUrl refuses plain http beyond this machine and credentials in the URL", () => {
  const settingsFor = (url: string) => vendorSettings("gigahost", (key) => (key === "gigahost:apiUrl" ? url : undefined), {});
  const check = (url: string, env: NodeJS.ProcessEnv = {}) => apiUrlSetting(settingsFor(url), "https://api.gigahost.no/api/v0", env);

  test.each(["http://127.0.0.1:8787/gigahost/api/v0", "http://127.9.8.7/x", "http://localhost:8787/x", "http://LOCALHOST/x", "http://[::1]:8787/x", "https://api.example.com/x"])(
    "accepts %s",
    (url) => {
      expect(check(url)).toBe(url);
    },
  );

  test.each(["http://api.gigahost.no/api/v0", "http://10.0.0.5:8787/x", "http://emulator:8787/x", "http://[::2]/x", "http://128.0.0.1/x", "http://127.0.0.1.example.com/x"])(
    "refuses %s, naming the setting and the opt-in",
    (url) => {
      expect(() => check(url)).toThrow(ConfigurationError);
      expect(() => check(url)).toThrow(`gigahost:apiUrl / GIGAHOST_API_URL is plain http to `);
      expect(() => check(url)).toThrow(`${ALLOW_INSECURE_HTTP}=1`);
    },
  );

  test("EURO_HOSTING_ALLOW_INSECURE_HTTP=1 allows plain http to another host", () => {
    expect(check("http://emulator:8787/gigahost/api/v0/", { [ALLOW_INSECURE_HTTP]: "1" })).toBe("http://emulator:8787/gigahost/api/v0");
    expect(() => check("http://emulator:8787/x", { [ALLOW_INSECURE_HTTP]: "0" })).toThrow(ConfigurationError);
  });

  test.each([
    ["https://ops:hunter2-password@api.gigahost.no/api/v0", "hunter2-password"],
    ["http://ops:hunter2-password@127.0.0.1:8787/x", "hunter2-password"],
    ["https://only-a-user-token-123@api.gigahost.no/x", "only-a-user-token-123"],
    ["https://ops:p%40ss-word-99@api.gigahost.no/x", "p@ss-word-99"],
  ])("refuses credentials in %s without printing them", (url, secret) => {
    let message = "";
    try {
      check(url, { [ALLOW_INSECURE_HTTP]: "1" });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^gigahost:apiUrl \/ GIGAHOST_API_URL must not contain credentials/);
    expect(message).not.toContain(secret);
    expect(message).not.toContain(encodeURIComponent(secret));
  });

  test("a value that is no http(s) URL is not printed with its credentials either", () => {
    expect(() => check("ftp://ops:ftp-password-1@files.example.com/")).toThrow(/must be an http\(s\) URL, got "ftp:\/\/\[credentials hidden\]@files\.example\.com\/"/);
    expect(() => check("ops:another-password-2@api.example.com")).toThrow(/must be an http\(s\) URL, got "ops:\[credentials hidden\]@api\.example\.com"/);
  });
});

describe("through the provider host: a refused apiUrl fails the operation before any request", () => {
  test.each([
    ["http://api.gigahost.no/api/v0", /gigahost:apiUrl \/ GIGAHOST_API_URL is plain http to api\.gigahost\.no/, "never-sent-api-key-1"],
    ["https://ops:url-password-77@api.gigahost.no/api/v0", /gigahost:apiUrl \/ GIGAHOST_API_URL must not contain credentials/, "url-password-77"],
  ])("%s", async (apiUrl, expected, secret) => {
    const host = await ProviderHost.start();
    try {
      await host.configure({ "gigahost:apiUrl": apiUrl, "gigahost:apiKey": secretValue("never-sent-api-key-1") });
      const record = await programResource(() => new DnsRecord("www", { zoneId: "1", name: "www", type: "A", value: "192.0.2.1" }));
      const error = await new Engine(host).up(record).then(
        () => undefined,
        (caught: Error) => caught,
      );
      expect(error?.message).toMatch(expected);
      expect(`${error?.message} ${host.stderr}`).not.toContain(secret);
    } finally {
      await host.stop();
    }
  });
});
