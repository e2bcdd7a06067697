// The ZoneID API's own contract, applied mechanically: every request the
// emulator serves is matched to an operation of the vendor's OpenAPI document
// (zoneid-openapi.json, a verbatim copy of the vendor's published document:
// docs/vendor-documents.md, "ZoneID: API v2 (OpenAPI spec)") and its path
// parameters, query parameters and body are validated with ajv against that
// operation's schemas. Tests use the same document to check the
// emulator's answers and the client's request bodies.
//
// The document is OpenAPI 3.0, so its schemas are turned into JSON Schema
// before ajv sees them (see `toJsonSchema`):
// - `nullable: true` and the document's "integer|null"-style types become type lists;
// - `$ref`s point into the document, registered with ajv under one id;
// - in a request, a `readOnly` property is refused (ajv only annotates it), and
//   so is a property the schema does not declare; in an answer, a `writeOnly`
//   property (a password) is refused, and so is an undeclared one;
// - the formats the document invents ("ISO 8601 date") are registered;
// - `required` holds requests only (see toJsonSchema).
import Ajv2019, { type ErrorObject, type ValidateFunction } from "ajv/dist/2019";
import addFormats from "ajv-formats";
import document from "./zoneid-openapi.json";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const SPEC_METHODS = ["get", "post", "put", "delete", "options", "patch"] as const;

/** One operation of the document: a method on a path template. */
export interface SpecOperation {
  method: string;
  /** As written in the document, e.g. "/dns/{service_name}/a/{identificator}". */
  template: string;
  summary: string;
  /** Every status the operation's entry lists. */
  statuses: number[];
  /** Its 2xx statuses. */
  successStatuses: number[];
  /**
   * Where the request body schema comes from: the operation's requestBody,
   * "inferred" (a PUT the document gives no body for: the resource its answer
   * carries, see `inferredBody`), or none.
   */
  bodySource: "requestBody" | "inferred" | "none";
}

export type SpecMatch =
  | { kind: "operation"; operation: SpecOperation; params: Record<string, string> }
  /** No path template of the document matches: the API answers 404. */
  | { kind: "unknown-path" }
  /** A template matches but not with this method: the API answers 405. */
  | { kind: "method-not-allowed"; allowed: string[] };

/** A refused field: `field` is the body's property path ("autorenew", "ip"), a parameter name, or "body" for the whole body. */
export interface SpecFieldError {
  field: string;
  message: string;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}

interface CompiledOperation extends SpecOperation {
  segments: string[];
  parameters: Parameter[];
  rawOperation: JsonObject;
  requestValidator?: ValidateFunction | null;
  bodyRequired: boolean;
  responseValidators: Map<number, ValidateFunction | null>;
}

const DOCUMENT_ID = "zoneid-openapi";

export class ZoneidSpec {
  private readonly operations: CompiledOperation[] = [];
  private readonly byKey = new Map<string, CompiledOperation>();
  private readonly parameterValidators = new Map<string, ValidateFunction>();
  private readonly requestAjv: Ajv2019;
  private readonly responseAjv: Ajv2019;
  private readonly parameterAjv: Ajv2019;

  constructor(private readonly openapi: JsonObject = document as unknown as JsonObject) {
    this.requestAjv = newAjv();
    this.responseAjv = newAjv();
    this.parameterAjv = newAjv();
    const components = (openapi.components ?? {}) as JsonObject;
    this.requestAjv.addSchema({ $id: DOCUMENT_ID, $defs: schemaMap(components.schemas, "request") });
    this.responseAjv.addSchema({ $id: DOCUMENT_ID, $defs: schemaMap(components.schemas, "response") });
    const sharedParameters = (components.parameters ?? {}) as Record<string, Json>;
    for (const [template, pathItem] of Object.entries((openapi.paths ?? {}) as Record<string, JsonObject>)) {
      for (const method of SPEC_METHODS) {
        const operation = pathItem[method] as JsonObject | undefined;
        if (!operation) continue;
        const statuses = Object.keys((operation.responses ?? {}) as JsonObject).map(Number).filter(Number.isFinite);
        const parameters = ((operation.parameters ?? []) as JsonObject[])
          .map((parameter) => resolveParameter(parameter, sharedParameters))
          .filter((parameter): parameter is Parameter => parameter !== undefined);
        const requestBody = operation.requestBody as JsonObject | undefined;
        const inferred = !requestBody && method === "put" && !parameters.some((parameter) => parameter.in === "query");
        this.operations.push({
          method: method.toUpperCase(),
          template,
          summary: String(operation.summary ?? ""),
          statuses,
          successStatuses: statuses.filter((status) => status >= 200 && status < 300),
          bodySource: requestBody ? "requestBody" : inferred ? "inferred" : "none",
          segments: splitPath(template),
          parameters,
          rawOperation: operation,
          bodyRequired: requestBody ? requestBody.required === true : false,
          responseValidators: new Map(),
        });
        this.byKey.set(`${method.toUpperCase()} ${template}`, this.operations[this.operations.length - 1]);
      }
    }
  }

  /** Every operation of the document, in its order. */
  list(): SpecOperation[] {
    return this.operations.map((operation) => publicView(operation));
  }

  /**
   * The operation a request falls on. Where several templates match (e.g.
   * `/cloud/{s}/action/{action}` and `/cloud/{s}/{item}/{username}`), the one
   * with a literal segment earliest wins, as a router tries its routes.
   */
  match(method: string, path: string): SpecMatch {
    const segments = splitPath(path);
    const candidates = this.operations
      .map((operation) => ({ operation, params: matchTemplate(operation.segments, segments) }))
      .filter((candidate): candidate is { operation: CompiledOperation; params: Record<string, string> } => candidate.params !== undefined);
    if (candidates.length === 0) return { kind: "unknown-path" };
    const withMethod = candidates.filter((candidate) => candidate.operation.method === method.toUpperCase());
    if (withMethod.length === 0) return { kind: "method-not-allowed", allowed: [...new Set(candidates.map((candidate) => candidate.operation.method))] };
    withMethod.sort((a, b) => specificity(b.operation.segments).localeCompare(specificity(a.operation.segments)));
    const { operation, params } = withMethod[0];
    return { kind: "operation", operation: publicView(operation), params };
  }

  /**
   * Path parameters that fail their schema (e.g. an action outside
   * start/reboot/shutdown/shutdown_hard): the route does not exist for that
   * value, so the API answers 404.
   */
  pathErrors(operation: SpecOperation, params: Record<string, string>): SpecFieldError[] {
    return this.parameterErrors(this.compiled(operation), "path", params);
  }

  /** The query parameters the operation declares, each against its schema (values arrive as text). */
  queryErrors(operation: SpecOperation, query: Record<string, string>): SpecFieldError[] {
    return this.parameterErrors(this.compiled(operation), "query", query);
  }

  /** The body against the operation's request schema; an empty list when it matches (or the operation takes no body). */
  bodyErrors(operation: SpecOperation, body: unknown): SpecFieldError[] {
    const compiled = this.compiled(operation);
    const validate = this.requestValidator(compiled);
    if (!validate) return [];
    if (body === undefined) return compiled.bodyRequired ? [{ field: "body", message: "a request body is required" }] : [];
    return validate(body) ? [] : fieldErrors(validate.errors ?? [], Array.isArray(body));
  }

  /**
   * An answer against the operation's entry: its status must be listed, and
   * where the entry gives a schema for that status the body must match it.
   * Returns the problems found, in words.
   */
  responseErrors(operation: SpecOperation, status: number, body: unknown): string[] {
    const compiled = this.compiled(operation);
    if (!compiled.statuses.includes(status)) return [`status ${status} is not listed for ${operation.method} ${operation.template} (listed: ${compiled.statuses.join(", ")})`];
    const validate = this.responseValidator(compiled, status);
    if (!validate) return [];
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || "(body)"} ${describeError(error)}`);
  }

  /** Whether the entry gives a response schema for this status. */
  hasResponseSchema(operation: SpecOperation, status: number): boolean {
    return this.responseValidator(this.compiled(operation), status) !== null;
  }

  private compiled(operation: SpecOperation): CompiledOperation {
    const found = this.byKey.get(`${operation.method} ${operation.template}`);
    if (!found) throw new Error(`zoneid spec: no operation ${operation.method} ${operation.template}`);
    return found;
  }

  /** Compiled on first use: most runs touch a few dozen of the 194 operations. */
  private requestValidator(operation: CompiledOperation): ValidateFunction | null {
    if (operation.requestValidator !== undefined) return operation.requestValidator;
    let schema: Json | undefined;
    if (operation.bodySource === "requestBody") schema = jsonContentSchema(operation.rawOperation.requestBody);
    else if (operation.bodySource === "inferred") schema = inferredBody(operation.rawOperation);
    operation.requestValidator = schema === undefined ? null : this.requestAjv.compile(closed(toJsonSchema(schema, "request") as JsonObject));
    return operation.requestValidator;
  }

  private responseValidator(operation: CompiledOperation, status: number): ValidateFunction | null {
    const cached = operation.responseValidators.get(status);
    if (cached !== undefined) return cached;
    const entry = ((operation.rawOperation.responses ?? {}) as JsonObject)[String(status)];
    const schema = jsonContentSchema(entry);
    const validate = schema === undefined ? null : this.responseAjv.compile(closed(toJsonSchema(schema, "response") as JsonObject));
    operation.responseValidators.set(status, validate);
    return validate;
  }

  private parameterErrors(operation: CompiledOperation, location: "path" | "query", values: Record<string, string>): SpecFieldError[] {
    const errors: SpecFieldError[] = [];
    for (const parameter of operation.parameters) {
      if (parameter.in !== location || !parameter.schema) continue;
      const text = values[parameter.name];
      if (text === undefined) {
        if (parameter.required && location === "query") errors.push({ field: parameter.name, message: "is required" });
        continue;
      }
      const schema = toJsonSchema(parameter.schema, "request") as JsonObject;
      const key = JSON.stringify(schema);
      let validate = this.parameterValidators.get(key);
      if (!validate) {
        validate = this.parameterAjv.compile(schema);
        this.parameterValidators.set(key, validate);
      }
      if (!validate(fromText(text, schema))) errors.push({ field: parameter.name, message: describeError((validate.errors ?? [])[0]) });
    }
    return errors;
  }
}

let shared: ZoneidSpec | undefined;

/** The one spec instance of the process (compiling is the expensive part, and every emulator shares it). */
export function zoneidSpec(): ZoneidSpec {
  shared ??= new ZoneidSpec();
  return shared;
}

/**
 * The document gives no request body for a few PUTs (`PUT /dns/{service_name}`,
 * `PUT /domain/{service_name}`, the PM2 process), though each updates a
 * resource. Its introduction says requests and answers share the resource's
 * structure, so the body is checked against the resource its answer carries,
 * read-only fields refused. A PUT with query parameters (resize) takes none.
 */
function inferredBody(operation: JsonObject): Json | undefined {
  const responses = (operation.responses ?? {}) as JsonObject;
  const success = Object.keys(responses).find((status) => status.startsWith("2"));
  const schema = success ? jsonContentSchema(responses[success]) : undefined;
  if (schema && typeof schema === "object" && !Array.isArray(schema) && schema.type === "array") return schema.items;
  return schema;
}

/** The document's named schemas, each made JSON Schema (they are registered as `$defs` of one schema, where `$ref`s point). */
function schemaMap(schemas: Json | undefined, direction: "request" | "response"): JsonObject {
  return Object.fromEntries(Object.entries((schemas ?? {}) as JsonObject).map(([name, schema]) => [name, toJsonSchema(schema, direction)]));
}

function jsonContentSchema(holder: Json | undefined): Json | undefined {
  if (!holder || typeof holder !== "object" || Array.isArray(holder)) return undefined;
  const content = holder.content as JsonObject | undefined;
  const json = content?.["application/json"] as JsonObject | undefined;
  return json?.schema;
}

function resolveParameter(parameter: JsonObject, shared: Record<string, Json>): Parameter | undefined {
  const ref = parameter.$ref;
  if (typeof ref === "string") {
    // One entry (PUT …/process/pm2/{identificator}) lists a schema among its parameters; it is no parameter.
    const match = /^#\/components\/parameters\/(.+)$/.exec(ref);
    return match ? (shared[match[1]] as unknown as Parameter) : undefined;
  }
  return parameter as unknown as Parameter;
}

/**
 * The JSON Schema ajv checks for an OpenAPI 3.0 schema. `direction` decides
 * what an annotation means: a request may not carry `readOnly` properties,
 * an answer may not carry `writeOnly` ones.
 */
export function toJsonSchema(schema: Json, direction: "request" | "response"): Json {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(item, direction));
  if (!schema || typeof schema !== "object") return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$ref" && typeof value === "string") out.$ref = value.replace(/^#\/components\/schemas\//, `${DOCUMENT_ID}#/$defs/`);
    else if (key === "properties" && value && typeof value === "object" && !Array.isArray(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, forbidden(property, direction) ? { not: {}, description: FORBIDDEN[direction] } : toJsonSchema(property, direction)]),
      );
    } else if (key === "nullable" || key === "readOnly" || key === "writeOnly" || key === "example") continue;
    // `required` (on two shared schemas) lists what a create must carry; an answer is not held to it,
    // or the SSL certificate's answer would have to echo its private key.
    else if (key === "required" && direction === "response" && Array.isArray(value)) continue;
    else out[key] = toJsonSchema(value, direction);
  }
  if (typeof out.type === "string" && out.type.includes("|")) out.type = out.type.split("|");
  if (schema.nullable === true && out.type !== undefined) out.type = [...new Set([...(Array.isArray(out.type) ? out.type : [out.type]), "null"])];
  return out;
}

const FORBIDDEN = { request: "read-only", response: "write-only" } as const;

function forbidden(property: Json, direction: "request" | "response"): boolean {
  if (!property || typeof property !== "object" || Array.isArray(property)) return false;
  const flag = direction === "request" ? property.readOnly : property.writeOnly;
  return flag === true || flag === "true";
}

/**
 * Refuses properties the schema does not declare, at the top of a body and
 * in each item of an array body. `unevaluatedProperties` sees through the
 * document's `allOf` inheritance (ARecord = its own fields + Record), which
 * `additionalProperties` would not.
 */
function closed(schema: JsonObject): JsonObject {
  if (schema.type === "array" && schema.items && typeof schema.items === "object" && !Array.isArray(schema.items)) {
    return { ...schema, items: { allOf: [schema.items], unevaluatedProperties: false } };
  }
  return { allOf: [schema], unevaluatedProperties: false };
}

function newAjv(): Ajv2019 {
  const ajv = new Ajv2019({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  // The document's own format names: "ISO 8601 date" is used for date-times.
  ajv.addFormat("ISO 8601 date", /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/);
  ajv.addKeyword({ keyword: "identificator" });
  return ajv;
}

function fieldErrors(errors: ErrorObject[], arrayBody: boolean): SpecFieldError[] {
  const found = new Map<string, string>();
  for (const error of errors) {
    // "must match a schema in allOf" repeats the errors beneath it.
    if (error.keyword === "allOf") continue;
    const segments = error.instancePath.split("/").filter(Boolean).map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (error.keyword === "unevaluatedProperties") segments.push(String(error.params.unevaluatedProperty));
    if (error.keyword === "required") segments.push(String(error.params.missingProperty));
    // An item of an array body is named by its field: the client reports it on the input property.
    if (arrayBody && segments.length > 0 && /^\d+$/.test(segments[0])) segments.shift();
    const field = segments.join(".") || "body";
    if (!found.has(field)) found.set(field, describeError(error));
  }
  return [...found].map(([field, message]) => ({ field, message }));
}

function describeError(error: ErrorObject | undefined): string {
  if (!error) return "is invalid";
  if (error.keyword === "not") return "is read-only and cannot be set";
  if (error.keyword === "unevaluatedProperties") return "is not a field of this resource";
  if (error.keyword === "required") return "is required";
  if (error.keyword === "enum") return `must be one of ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
  return error.message ?? "is invalid";
}

/** A path or query value as its schema's type, so "4" can be an integer and "true" a boolean. */
function fromText(text: string, schema: JsonObject): unknown {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (types.includes("boolean") && (text === "true" || text === "false")) return text === "true";
  return text;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

function matchTemplate(template: string[], segments: string[]): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const parameter = /^\{(.+)\}$/.exec(template[i]);
    if (parameter) params[parameter[1]] = safeDecode(segments[i]);
    else if (template[i] !== segments[i]) return undefined;
  }
  return params;
}

/** "1" per literal segment, "0" per parameter: compared as text, earlier literals rank higher. */
function specificity(segments: string[]): string {
  return segments.map((segment) => (segment.startsWith("{") ? "0" : "1")).join("");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function publicView(operation: CompiledOperation): SpecOperation {
  const { method, template, summary, statuses, successStatuses, bodySource } = operation;
  return { method, template, summary, statuses, successStatuses, bodySource };
}
