// The API's errors: a short code a program can test, a message a developer can read, and for a
// bad parameter its name. One JSON shape for all of them (ErrorBody).

export type ApiErrorCode = 'invalid_parameter' | 'not_found' | 'method_not_allowed' | 'bad_request' | 'server_error'

export interface ErrorBody {
  error: ApiErrorCode
  message: string
  /** The query parameter at fault, for invalid_parameter. */
  parameter?: string
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly parameter?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  body(): ErrorBody {
    return { error: this.code, message: this.message, ...(this.parameter ? { parameter: this.parameter } : {}) }
  }
}

export function invalidParameter(parameter: string, message: string): ApiError {
  return new ApiError(400, 'invalid_parameter', message, parameter)
}

export function notFound(what: string): ApiError {
  return new ApiError(404, 'not_found', `No ${what} has this id`)
}
