// Errors the fake answers with: the google.rpc.Status body `{ code, message, details }` that grpc-gateway sends, with
// the gRPC code and the HTTP status the real API pairs with it.

export const GrpcCode = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

export interface StatusBody {
  code: number;
  message: string;
  details: unknown[];
}

export class ApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  toBody(): StatusBody {
    return { code: this.code, message: this.message, details: [] };
  }
}

export const invalidArgument = (message: string) => new ApiError(400, GrpcCode.INVALID_ARGUMENT, message);
export const notFound = (message: string) => new ApiError(404, GrpcCode.NOT_FOUND, message);
export const alreadyExists = (message: string) => new ApiError(409, GrpcCode.ALREADY_EXISTS, message);
export const permissionDenied = (message: string) => new ApiError(403, GrpcCode.PERMISSION_DENIED, message);
export const failedPrecondition = (message: string) => new ApiError(400, GrpcCode.FAILED_PRECONDITION, message);
export const unauthenticated = (message: string) => new ApiError(401, GrpcCode.UNAUTHENTICATED, message);
export const unavailable = () => new ApiError(503, GrpcCode.UNAVAILABLE, "service unavailable");
export const rateLimited = () => new ApiError(429, GrpcCode.RESOURCE_EXHAUSTED, "rate limit exceeded");

/** A mutation on a LOCKED cluster: the real API answers 409 with a message containing "lock". */
export const clusterLocked = () =>
  new ApiError(
    409,
    GrpcCode.FAILED_PRECONDITION,
    "cluster lock is held: an exclusive operation is being performed on this cluster",
  );
