/**
 * Errors leave the API as `{ error: { code, message } }` with a status that follows the code.
 * Route code throws TrademailError; nothing here looks at message text.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, isTrademailError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  USAGE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  ALREADY_ENROLLED: 409,
  CONFLICT: 409,
  NOT_MAILABLE: 422,
  SEQUENCE_INVALID: 422,
  TEMPLATE_INVALID: 422,
  TEMPLATE_MISSING_VARIABLE: 422,
  TEMPLATE_RENDER_FAILED: 422,
};

export function statusFor(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

export function errorHandler(log: Logger) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isTrademailError(err)) {
      const status = statusFor(err.code);
      if (status >= 500) log.error({ err, url: request.url }, 'API request failed');
      return reply.status(status).send(errorBody(err.code, err.message));
    }
    if (err.validation) {
      return reply.status(400).send(errorBody('BAD_REQUEST', err.message));
    }
    // Fastify's own client errors (malformed JSON, wrong content type, body too large).
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(errorBody('BAD_REQUEST', err.message));
    }
    log.error({ err, url: request.url }, 'API request failed');
    return reply.status(500).send(errorBody('INTERNAL', 'internal error; see the server log'));
  };
}
