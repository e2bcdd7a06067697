/**
 * pulumi-euro-hosting: Pulumi resources for European hosting providers.
 * Each vendor has its own entry point, e.g. `pulumi-euro-hosting/gigahost`.
 */
export * as gigahost from "./resources/gigahost";
export * as terrahost from "./resources/terrahost";
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
