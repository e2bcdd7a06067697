import { DEFAULT_RETRY_POLICY, backoffDelay, isIdempotentMethod, isRetryableStatus, nextDelay, parseRetryAfter } from "../../provider/retry";

describe("isRetryableStatus", () => {
  test.each([
    [undefined, true],
    [429, true],
    [500, true],
    [503, true],
    [599, true],
    [400, false],
    [401, false],
    [404, false],
    [409, false],
    [200, false],
  ])("%s → %s", (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});

describe("isIdempotentMethod", () => {
  test.each([
    ["GET", true],
    ["put", true],
    ["DELETE", true],
    ["POST", false],
    ["PATCH", false],
  ])("%s → %s", (method, expected) => {
    expect(isIdempotentMethod(method)).toBe(expected);
  });
});

describe("backoffDelay", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
  test.each([
    // attempt, random, expected: window = min(1000, 100·2^(attempt-1)); delay = window/2 + random·window/2
    [1, 0, 50],
    [1, 1, 100],
    [2, 0.5, 150],
    [3, 0, 200],
    [4, 1, 800],
    [5, 1, 1000],
    [10, 0, 500],
  ])("attempt %s with random %s → %s ms", (attempt, random, expected) => {
    expect(backoffDelay(attempt, policy, () => random)).toBe(expected);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  test.each([
    [undefined, undefined],
    ["", undefined],
    ["3", 3000],
    ["1.5", 1500],
    ["Thu, 01 Jan 2026 00:00:10 GMT", 10_000],
    ["Wed, 31 Dec 2025 23:00:00 GMT", 0],
    ["soon", undefined],
  ])("%p → %p", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

test("nextDelay honours Retry-After up to the cap, else backs off", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 5000 };
  expect(nextDelay(1, 2000, policy, () => 0)).toBe(2000);
  expect(nextDelay(1, 60_000, policy, () => 0)).toBe(5000);
  expect(nextDelay(1, undefined, policy, () => 0)).toBe(backoffDelay(1, policy, () => 0));
});
