import { ConfigurationError, apiErrorFor } from "../../provider/errors";
import { memoryLogger } from "../../provider/log";
import { redact } from "../../provider/redact";
import { LoginHooks, LoginSession, SESSION_MARGIN_MS, SessionToken, bearerAuth, credentialsFrom } from "../../provider/session";
import { vendorSettings } from "../../provider/settings";
import { totpCode } from "../../provider/totp";
import { fakeClock } from "../support/fakeClock";

const SECRET = "JBSWY3DPEHPK3PXP";
const LIFETIME_MS = 30 * 60_000;
const settings = vendorSettings("gigas", () => undefined, {});
const tokenRequest = { vendor: "Gigas", method: "POST", path: "/token/refresh" };

/** A vendor whose logins and refreshes are recorded; each session lasts LIFETIME_MS. */
function fakeVendor(clock: { now(): number }, options: { refresh?: (token: string) => Promise<SessionToken> } = {}) {
  const logins: { at: number; code?: string }[] = [];
  const refreshes: string[] = [];
  let issued = 0;
  const session = (): SessionToken => {
    issued++;
    return {
      token: `session-token-${issued}`,
      expiresAt: clock.now() + LIFETIME_MS,
      refreshToken: `refresh-token-${issued}`,
      refreshExpiresAt: clock.now() + 2 * LIFETIME_MS,
    };
  };
  const hooks: LoginHooks = {
    login: async ({ code }) => {
      logins.push({ at: clock.now(), code });
      return session();
    },
  };
  if (options.refresh) {
    const refresh = options.refresh;
    hooks.refresh = async (token) => {
      refreshes.push(token);
      return refresh(token);
    };
  }
  return { hooks, logins, refreshes, session };
}

function loginSession(credentials: { totpSecret?: string; staticCode?: string } = {}, refresh?: (token: string) => Promise<SessionToken>) {
  const clock = fakeClock();
  const logger = memoryLogger();
  const vendor = fakeVendor(clock, { refresh });
  const session = new LoginSession({ username: "ops@example.es", password: "pw-session-test", ...credentials }, vendor.hooks, {
    vendor: "Gigas",
    settings,
    clock,
    logger,
  });
  return { clock, logger, vendor, session };
}

test("a session is reused, and renewed before it expires (the margin), without waiting for a 401", async () => {
  const { clock, vendor, session } = loginSession();
  expect(await session.header(false)).toEqual({ Authorization: "Bearer session-token-1" });
  clock.advance(LIFETIME_MS - SESSION_MARGIN_MS - 1);
  expect(await session.header(false)).toEqual({ Authorization: "Bearer session-token-1" });
  expect(vendor.logins).toHaveLength(1);
  clock.advance(1);
  expect(await session.header(false)).toEqual({ Authorization: "Bearer session-token-2" });
  expect(vendor.logins).toHaveLength(2);
});

test("concurrent requests that need a session share one login", async () => {
  const clock = fakeClock();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let logins = 0;
  const session = new LoginSession(
    { username: "ops@example.es", password: "pw-session-test" },
    {
      login: async () => {
        logins++;
        await gate;
        return { token: `session-token-${logins}`, expiresAt: clock.now() + LIFETIME_MS };
      },
    },
    { vendor: "Gigas", settings, clock, logger: memoryLogger() },
  );
  const headers = [session.header(false), session.header(false), session.header(true), session.header(false)];
  release();
  expect(await Promise.all(headers)).toEqual(Array(4).fill({ Authorization: "Bearer session-token-1" }));
  expect(logins).toBe(1);
});

test("after a 401 (renew) the refused session is dropped: one new login, shared by callers refused together", async () => {
  const { vendor, session } = loginSession();
  await session.header(false);
  const refused = await Promise.all([session.header(true), session.header(true)]);
  expect(refused).toEqual([{ Authorization: "Bearer session-token-2" }, { Authorization: "Bearer session-token-2" }]);
  expect(vendor.logins).toHaveLength(2);
  // Later requests use the new session.
  expect(await session.header(false)).toEqual({ Authorization: "Bearer session-token-2" });
  expect(vendor.logins).toHaveLength(2);
});

test("with a refresh step, an expiring session is refreshed; a refused refresh falls back to logging in", async () => {
  let refuse = false;
  const { clock, vendor, session } = loginSession({}, async () => {
    if (refuse) throw apiErrorFor(tokenRequest, 401, "Invalid or expired refresh token");
    return vendor.session();
  });
  await session.header(false);
  clock.advance(LIFETIME_MS);
  expect(await session.header(false)).toEqual({ Authorization: "Bearer session-token-2" });
  expect([vendor.logins.length, vendor.refreshes]).toEqual([1, ["refresh-token-1"]]);

  refuse = true;
  expect(await session.header(true)).toEqual({ Authorization: "Bearer session-token-3" });
  expect([vendor.logins.length, vendor.refreshes]).toEqual([2, ["refresh-token-1", "refresh-token-2"]]);
});

test("a refresh that gets no answer or a 5xx is an error, not a reason to log in", async () => {
  const { clock, vendor, session } = loginSession({}, async () => {
    throw apiErrorFor(tokenRequest, 503, "maintenance");
  });
  await session.header(false);
  clock.advance(LIFETIME_MS);
  await expect(session.header(false)).rejects.toThrow(/503/);
  expect(vendor.logins).toHaveLength(1);
});

test("a refresh token past its own expiry is not sent: the session logs in again", async () => {
  const { clock, vendor, session } = loginSession({}, async () => vendor.session());
  await session.header(false);
  clock.advance(2 * LIFETIME_MS);
  await session.header(false);
  expect([vendor.logins.length, vendor.refreshes]).toEqual([2, []]);
});

test("with a TOTP secret every login sends the code of its own moment", async () => {
  const { clock, vendor, session } = loginSession({ totpSecret: SECRET });
  await session.header(false);
  clock.advance(LIFETIME_MS);
  await session.header(false);
  await session.header(true);
  expect(vendor.logins).toHaveLength(3);
  for (const login of vendor.logins) expect(login.code).toBe(totpCode(SECRET, login.at));
  expect(vendor.logins[0].code).not.toBe(vendor.logins[1].code);
});

test("a static code is sent as given; logging in again with it warns once that it is likely stale", async () => {
  const { clock, logger, vendor, session } = loginSession({ staticCode: "492039" });
  await session.header(false);
  expect(logger.lines.filter((line) => line.startsWith("warning"))).toEqual([]);
  clock.advance(LIFETIME_MS);
  await session.header(false);
  await session.header(true);
  expect(vendor.logins.map((login) => login.code)).toEqual(["492039", "492039", "492039"]);
  const warnings = logger.lines.filter((line) => line.startsWith("warning"));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/gigas:totp \/ GIGAS_TOTP.*gigas:totpSecret \/ GIGAS_TOTP_SECRET/);
});

test("session and refresh tokens are registered for redaction", async () => {
  const clock = fakeClock();
  const session = new LoginSession(
    { username: "ops@example.es", password: "pw-session-test" },
    { login: async () => ({ token: "tok-registered-session-1", expiresAt: clock.now() + LIFETIME_MS, refreshToken: "tok-registered-refresh-1" }) },
    { vendor: "Gigas", settings, clock, logger: memoryLogger() },
  );
  await session.header(false);
  expect(redact("tok-registered-session-1 and tok-registered-refresh-1")).toBe("[REDACTED] and [REDACTED]");
});

describe("credentialsFrom", () => {
  const gigas = (values: Record<string, string>) => vendorSettings("gigas", (key) => values[key], {});

  test("an API key wins over a login and is sent as a bearer token without logging in", async () => {
    const credentials = credentialsFrom(gigas({}), { apiKey: "key-from-settings", username: "u", password: "pw-unused-here" }, "Gigas");
    expect(credentials).toEqual({ kind: "apiKey", apiKey: "key-from-settings" });
    const login = jest.fn();
    const auth = bearerAuth(credentials, { login }, { vendor: "Gigas", settings, clock: fakeClock(), logger: memoryLogger() });
    expect(await auth(true)).toEqual({ Authorization: "Bearer key-from-settings" });
    expect(login).not.toHaveBeenCalled();
  });

  test("a TOTP secret takes the place of a static code", () => {
    expect(credentialsFrom(gigas({}), { username: "u", password: "pw-both-set", totpSecret: SECRET, totp: "123456" }, "Gigas")).toEqual({
      kind: "login",
      username: "u",
      password: "pw-both-set",
      totpSecret: SECRET,
      staticCode: undefined,
    });
  });

  test.each([
    [{}, /Gigas credentials are missing.*gigas:apiKey \/ GIGAS_API_KEY.*gigas:username.*gigas:password.*gigas:totpSecret \/ GIGAS_TOTP_SECRET.*gigas:totp \/ GIGAS_TOTP/],
    [{ username: "u" }, /the username is set but the password is not/],
    [{ username: "u", password: "pw-bad-secret", totpSecret: "not base32!" }, /gigas:totpSecret \/ GIGAS_TOTP_SECRET is not a base32 TOTP secret/],
  ])("%j is refused naming the settings", (values, message) => {
    const read = { apiKey: undefined, username: undefined, password: undefined, totpSecret: undefined, totp: undefined, ...values };
    expect(() => credentialsFrom(gigas({}), read, "Gigas")).toThrow(ConfigurationError);
    expect(() => credentialsFrom(gigas({}), read, "Gigas")).toThrow(message);
  });
});
