import { z } from "zod";

/**
 * Request paths built from ids and names the user or a vendor supplied.
 *
 * Every interpolated value is one path segment: it is percent-encoded, and a
 * value that could change which endpoint is reached is refused before any
 * request. The WHATWG URL parser axios uses resolves "." and ".." segments, so
 * `/instances/${".."}/action` would become `/action`; "/", "?" and "#" would
 * start a new segment, the query or the fragment if a server decodes them; and
 * control characters have no business in an id.
 */

/** Why `value` cannot be one segment of a request path, or undefined when it can. */
export function pathSegmentProblem(value: string): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (value === "." || value === "..") return `must not be "${value}" (a dot segment would reach another endpoint)`;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return "must not contain control characters (newline, tab, …)";
  const reserved = value.match(/[/?#\\]/);
  if (reserved) return `must not contain "${reserved[0]}" (it would change the request path)`;
  return undefined;
}

/** A value refused as a path segment; `segment` is its position for the error text. */
export class PathSegmentError extends Error {
  constructor(template: string, value: string, problem: string) {
    super(`refusing to send a request to ${template}: the value ${JSON.stringify(value)} ${problem}`);
    this.name = "PathSegmentError";
  }
}

/**
 * The one way to build a request path: `urlPath\`/dns/zones/${zoneId}/records\``.
 * Literal parts are kept as written; each interpolated value is checked with
 * `pathSegmentProblem` and encoded with `encodeURIComponent`.
 */
export function urlPath(literals: TemplateStringsArray, ...segments: (string | number)[]): string {
  const template = literals.join("{}");
  let path = literals[0];
  segments.forEach((segment, index) => {
    const text = String(segment);
    const problem = pathSegmentProblem(text);
    if (problem) throw new PathSegmentError(template, text, problem);
    path += encodeURIComponent(text) + literals[index + 1];
  });
  return path;
}

/** Why a whole request path would be rewritten by the URL parser (a "." or ".." segment), or undefined. */
export function dotSegmentProblem(path: string): string | undefined {
  const segments = path.split(/[?#]/)[0].split("/");
  const dot = segments.find((segment) => /^(\.|%2e){1,2}$/i.test(segment));
  return dot === undefined ? undefined : `the path has the dot segment "${dot}", which would reach another endpoint`;
}

/**
 * An input that ends up in a request path (an id, a service or host name):
 * refused at check, naming the property, when `urlPath` would refuse it.
 */
export const pathSegmentInput = z.string().superRefine((value, context) => {
  const problem = pathSegmentProblem(value);
  if (problem) context.addIssue({ code: "custom", message: problem });
});

/**
 * For plain functions (lookups), which have no `check`: the argument as a
 * path segment, or an error naming the function and argument.
 */
export function pathSegmentArgument(functionName: string, argument: string, value: unknown): string {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string") throw new Error(`${functionName}: \`${argument}\` must be a string, got ${typeof value}`);
  const problem = pathSegmentProblem(text);
  if (problem) throw new Error(`${functionName}: \`${argument}\` ${problem}; got ${JSON.stringify(text)}`);
  return text;
}
