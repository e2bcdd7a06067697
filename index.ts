/**
 * pulumi-euro-hosting: Pulumi resources for European hosting providers.
 * Each vendor has its own entry point, e.g. `pulumi-euro-hosting/gigahost`.
 */
export * as gandi from "./resources/gandi";
export * as gigahost from "./resources/gigahost";
export * as gigas from "./resources/gigas";
export * as terrahost from "./resources/terrahost";
export * as zoneid from "./resources/zoneid";
export {
  ApiError,
  ConfigurationError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  ConflictError,
  NetworkError,
  ResponseParseError,
  WaitTimeoutError,
  ResourceInitializationError,
} from "./provider/errors";
