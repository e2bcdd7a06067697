import { z } from "zod";
import { HttpCore } from "../../provider/http";
import { PathSegmentError, dotSegmentProblem, pathSegmentArgument, pathSegmentInput, pathSegmentProblem, urlPath } from "../../provider/urlPath";

describe("urlPath", () => {
  test("encodes each interpolated value as one segment and keeps the literal parts", () => {
    expect(urlPath`/dns/zones/${"123"}/records/${"a b"}`).toBe("/dns/zones/123/records/a%20b");
    expect(urlPath`/instances/${"c0ffee-1"}/vhosts/${"xn--caf-dma.example"}`).toBe("/instances/c0ffee-1/vhosts/xn--caf-dma.example");
    expect(urlPath`/servers/${3523}`).toBe("/servers/3523");
    // "%2e%2e" is itself a dot segment to the URL parser: the "%" is encoded, so it stays a name.
    expect(urlPath`/x/${"%2e%2e"}/y`).toBe("/x/%252e%252e/y");
    expect(urlPath`relative/${"user_1"}/permission`).toBe("relative/user_1/permission");
  });

  test.each([
    ["..", 'must not be ".."'],
    [".", 'must not be "."'],
    ["", "must not be empty"],
    ["a/b", 'must not contain "/"'],
    ["../action", 'must not contain "/"'],
    ["a?b=1", 'must not contain "?"'],
    ["a#b", 'must not contain "#"'],
    ["a\\b", 'must not contain "\\"'],
    ["abc\n", "must not contain control characters"],
    ["a\u0000", "must not contain control characters"],
    ["a\u0085", "must not contain control characters"],
  ])("refuses %p before any request: %s", (value, reason) => {
    expect(pathSegmentProblem(value)).toContain(reason);
    expect(() => urlPath`/instances/${value}/action`).toThrow(PathSegmentError);
    expect(() => urlPath`/instances/${value}/action`).toThrow(`refusing to send a request to /instances/{}/action: the value ${JSON.stringify(value)} ${reason}`);
  });

  test.each(["3523", "c0ffee00-0000-4000-a000-000000000000", "uvn-12-345.tll01.zonevs.eu", "...", "a..b", ".hidden", "bücher"])("accepts %p", (value) => {
    expect(pathSegmentProblem(value)).toBeUndefined();
  });

  test("pathSegmentInput reports the problem as a check issue; pathSegmentArgument names the function and argument", () => {
    const parsed = pathSegmentInput.safeParse("..");
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toContain('must not be ".."');
    expect(() => pathSegmentArgument("restartInstance", "instanceId", "..")).toThrow('restartInstance: `instanceId` must not be ".."');
    expect(() => pathSegmentArgument("restartInstance", "instanceId", undefined)).toThrow("restartInstance: `instanceId` must be a string, got undefined");
    expect(pathSegmentArgument("getServer", "serverId", 3523)).toBe("3523");
  });
});

describe("the HTTP core's backstop", () => {
  test.each(["/instances/../action", "/a/./b", "/a/%2E%2e/b", "/a/.."])("refuses %p before sending anything", async (path) => {
    const core = new HttpCore({ vendor: "Test", baseUrl: "http://127.0.0.1:9", auth: async () => ({}), vendorMessage: () => undefined });
    await expect(core.request({ method: "GET", path, schema: z.unknown() })).rejects.toThrow(/^Test: refusing to send GET .*: the path has the dot segment/);
    expect(core.requestCount).toBe(0);
  });

  test("a dot inside a segment is no dot segment", () => {
    expect(dotSegmentProblem("/files/.hidden/a..b/...")).toBeUndefined();
  });
});
