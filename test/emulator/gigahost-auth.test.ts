import {
  DEFAULT_GIGAHOST_API_KEY,
  DEFAULT_GIGAHOST_PASSWORD,
  DEFAULT_GIGAHOST_USERNAME,
  GIGAHOST_CUSTOMER_ID,
  totpCode,
} from "../../emulator/gigahost";
import { type GigahostHarness, basicAuth, startGigahost } from "./harness";

const UNAUTHORIZED = { meta: { status: 401, status_message: "401 Unauthorized", error: "Unauthorized" } };
const TOTP_SECRET = "JBSWY3DPEHPK3PXP";

describe("Gigahost emulator authentication", () => {
  let h: GigahostHarness;

  beforeEach(async () => {
    h = await startGigahost({
      users: [
        { username: DEFAULT_GIGAHOST_USERNAME, password: DEFAULT_GIGAHOST_PASSWORD },
        { username: "twofactor@example.no", password: "secret-2fa", totpSecret: TOTP_SECRET },
      ],
    });
  });
  afterEach(() => h.server.close());

  const login = (body: unknown) => h.call("POST", "/authenticate", body, null);

  it("accepts the personal API key as a Bearer token", async () => {
    const answer = await h.call("GET", "/dns/zones", undefined, `Bearer ${DEFAULT_GIGAHOST_API_KEY}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ meta: { status: 200, status_message: "200 OK" }, data: [] });
    expect(DEFAULT_GIGAHOST_API_KEY).toMatch(/^flux_live_[0-9a-f]{64}$/);
  });

  it("accepts HTTP Basic with the account's email and password", async () => {
    const answer = await h.call("GET", "/dns/zones", undefined, basicAuth(DEFAULT_GIGAHOST_USERNAME, DEFAULT_GIGAHOST_PASSWORD));
    expect(answer.status).toBe(200);
  });

  it.each([
    ["no header", null],
    ["an unknown key", "Bearer flux_live_nope"],
    ["a wrong Basic password", basicAuth(DEFAULT_GIGAHOST_USERNAME, "wrong")],
    ["an unknown scheme", `Token ${DEFAULT_GIGAHOST_API_KEY}`],
  ])("answers 401 with meta.error for %s", async (_case, auth) => {
    const answer = await h.call("GET", "/dns/zones", undefined, auth);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(UNAUTHORIZED);
  });

  it("issues a session token whose expiry is a unix timestamp string", async () => {
    const before = Math.floor(h.emulator.clock.now() / 1000);
    const answer = await login({ username: DEFAULT_GIGAHOST_USERNAME, password: DEFAULT_GIGAHOST_PASSWORD });
    expect(answer.status).toBe(200);
    expect(answer.body.meta).toEqual({ status: 200, status_message: "200 OK" });
    // The documented example answer has a top-level "success": true.
    expect(answer.body.success).toBe(true);
    expect(answer.body.data).toEqual({ token: expect.any(String), token_expire: expect.stringMatching(/^\d+$/), customer_id: GIGAHOST_CUSTOMER_ID });
    expect(Number(answer.body.data.token_expire) - before).toBeGreaterThanOrEqual(3600);
    expect(Number(answer.body.data.token_expire) - before).toBeLessThanOrEqual(3601);

    const listed = await h.call("GET", "/dns/zones", undefined, `Bearer ${answer.body.data.token}`);
    expect(listed.status).toBe(200);
  });

  it("refuses a session token once the emulator clock passes its expiry", async () => {
    const { body } = await login({ username: DEFAULT_GIGAHOST_USERNAME, password: DEFAULT_GIGAHOST_PASSWORD });
    const auth = `Bearer ${body.data.token}`;
    // token_expire is whole seconds, so stay a second clear of it on either side.
    h.emulator.clock.advance(3598_000);
    expect((await h.call("GET", "/dns/zones", undefined, auth)).status).toBe(200);
    h.emulator.clock.advance(2_000);
    const expired = await h.call("GET", "/dns/zones", undefined, auth);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(UNAUTHORIZED);
  });

  it("refuses every session token after expireAllTokens, but keeps API keys working", async () => {
    const { body } = await login({ username: DEFAULT_GIGAHOST_USERNAME, password: DEFAULT_GIGAHOST_PASSWORD });
    h.emulator.expireAllTokens();
    expect((await h.call("GET", "/dns/zones", undefined, `Bearer ${body.data.token}`)).status).toBe(401);
    expect((await h.call("GET", "/dns/zones")).status).toBe(200);
  });

  it("refuses wrong credentials with 401 and meta.error", async () => {
    const answer = await login({ username: DEFAULT_GIGAHOST_USERNAME, password: "wrong" });
    expect(answer.status).toBe(401);
    expect(answer.body.meta.error).toBe("Invalid username or password.");
    expect(answer.body.data).toBeUndefined();
  });

  it("requires the current TOTP code from a user with two-factor authentication", async () => {
    const credentials = { username: "twofactor@example.no", password: "secret-2fa" };
    expect((await login(credentials)).status).toBe(401);
    const code = totpCode(TOTP_SECRET, h.emulator.clock.now());
    const wrong = await login({ ...credentials, code: code === "000000" ? "111111" : "000000" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.meta.error).toBe("Invalid two-factor authentication code.");

    expect((await login({ ...credentials, code })).status).toBe(200);

    // A code from two steps ago is stale.
    h.emulator.clock.advance(60_000);
    expect((await login({ ...credentials, code })).status).toBe(401);
  });

  it("accepts a TOTP code sent as a number that lost its leading zero", async () => {
    // The docs call the code numeric. Move the clock to a step whose code starts with 0.
    let step = 0;
    while (!totpCode(TOTP_SECRET, h.emulator.clock.now() + step * 30_000).startsWith("0")) step++;
    h.emulator.clock.advance(step * 30_000);
    const code = Number(totpCode(TOTP_SECRET, h.emulator.clock.now()));
    expect(String(code).length).toBeLessThan(6);
    expect((await login({ username: "twofactor@example.no", password: "secret-2fa", code })).status).toBe(200);
  });

  it("computes RFC 6238 reference codes", () => {
    // RFC 6238 appendix B, SHA1, secret "12345678901234567890" (base32 below), truncated to 6 digits.
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpCode(secret, 59_000)).toBe("287082");
    expect(totpCode(secret, 1111111109_000)).toBe("081804");
    expect(totpCode(secret, 20000000000_000)).toBe("353130");
  });

  it("does not require authentication for /authenticate itself", async () => {
    const answer = await login({});
    expect(answer.status).toBe(400);
    expect(answer.body.meta.message).toBe("Username and password are required.");
  });
});
