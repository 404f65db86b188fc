import type { FastifyError, FastifyInstance } from 'fastify';

/** An error the sandbox answers with on purpose: its status and a message naming the problem. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, message);
export const unauthorized = (message: string): HttpError => new HttpError(401, message);
export const forbidden = (message: string): HttpError => new HttpError(403, message);
export const notFound = (message: string): HttpError => new HttpError(404, message);
export const conflict = (message: string): HttpError => new HttpError(409, message);
export const tooLarge = (message: string): HttpError => new HttpError(413, message);

/**
 * Every failure leaves as `{"error": {"message"}}`, the shape API.md gives, whether it came from
 * a route or from fastify itself (bad JSON, unknown content type, body too large). Unexpected
 * errors become a 500 whose message says nothing of the request, since a request can hold
 * message bodies or credentials.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.status).send({ error: { message: error.message } });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { message: clientErrorMessage(error, status) } });
    }
    request.log.error({ code: error.code, stack: error.stack }, 'sandbox internal error');
    return reply.status(500).send({ error: { message: 'internal sandbox error' } });
  });
  app.setNotFoundHandler((request, reply) => {
    return reply
      .status(404)
      .send({ error: { message: `no such operation: ${request.method} ${request.url.split('?')[0]}` } });
  });
}

function clientErrorMessage(error: FastifyError, status: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return `malformed JSON body: ${error.message}`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `unsupported content type: ${error.message}`;
    case 'FST_REQ_FILE_TOO_LARGE':
      return 'attachment is larger than the sandbox accepts';
    default:
      return status === 413 ? `request body too large: ${error.message}` : error.message;
  }
}
