import { applyDecorators, Type } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ApiExtension, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

// How every operation of /api/docs is documented: a summary (ApiOperation), its successful
// answer (ApiOk, ApiCreated, ApiPage, ApiFile below) and the error codes it can answer
// (ApiErrors). The success decorators are typed against the handler: a handler whose answer
// lacks a documented property, or gives it another type, does not compile. The error
// decorators take a module's status table (x.errors.ts), so a documented code always exists
// and carries the status the global filter answers with.

/** A handler whose answer (awaited) is a T. */
type Returning<T> = (...args: any[]) => T | Promise<T>;
type HandlerDecorator<T> = <M extends Returning<T>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => void;

function typed<T>(decorator: MethodDecorator): HandlerDecorator<T> {
  return (target, key, descriptor) => {
    decorator(target, key, descriptor);
  };
}

/** 200 with a body of this class (or `[Class]`: an array of it). */
export function ApiOk<T>(type: Type<T>, description?: string): HandlerDecorator<T>;
export function ApiOk<T>(type: [Type<T>], description?: string): HandlerDecorator<T[]>;
export function ApiOk<T>(type: Type<T> | [Type<T>], description = 'OK'): HandlerDecorator<T | T[]> {
  return typed(ApiResponse({ status: 200, type, description }));
}

/** 201 with the created resource. */
export function ApiCreated<T>(type: Type<T>, description = 'Created'): HandlerDecorator<T> {
  return typed(ApiResponse({ status: 201, type, description }));
}

/** 200 with one page of a list: `{items, total, page, pageSize}` (common/pagination.ts). */
export function ApiPage<T>(type: Type<T>): HandlerDecorator<{ items: T[]; total: number; page: number; pageSize: number }> {
  return typed(
    applyDecorators(
      ApiExtraModels(type),
      ApiResponse({
        status: 200,
        description: 'One page of the list, in the order the list is sorted',
        schema: {
          type: 'object',
          required: ['items', 'total', 'page', 'pageSize'],
          properties: {
            items: { type: 'array', items: { $ref: getSchemaPath(type) } },
            total: { type: 'integer', description: 'rows matching the filters, over all pages' },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
          },
        },
      }),
    ),
  );
}

/** 200 with a file download (any of these media types), documented as binary. */
export function ApiFile(...mediaTypes: string[]): MethodDecorator {
  const content = Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
  return ApiResponse({ status: 200, description: 'The file, with Content-Disposition naming it', content });
}

interface DocumentedError {
  status: number;
  /** Absent for errors Nest raises itself (validation, guards): their body has no `code`. */
  code?: string;
  description?: string;
}

const ERRORS_EXTENSION = 'x-duban-errors';
let extensions = 0;

/** Adds errors to what a handler is documented to answer; used by ApiErrors and by Roles. */
export function documentErrors(errors: DocumentedError[]): MethodDecorator {
  // Several of these stack on one handler (ApiErrors per module, Roles), and ApiExtension keeps
  // the first value of a key: each gets a key of its own, and completeErrorResponses gathers
  // every `x-duban-errors-N` of an operation into its responses.
  return ApiExtension(`${ERRORS_EXTENSION}-${++extensions}`, errors);
}

/**
 * The domain errors a handler can answer, by code, from one module's status table:
 * `@ApiErrors(RectificationErrorStatus, 'TASK_NOT_FOUND', 'TASK_INVALID_TRANSITION')`.
 * Stack one per module whose errors the handler can pass on.
 */
export function ApiErrors<T extends Record<string, number>>(table: T, ...codes: (keyof T & string)[]): MethodDecorator {
  return documentErrors(codes.map((code) => ({ status: table[code], code })));
}

/** Errors without a code that a handler can answer besides 400/401/403 (e.g. 413 from the body parsers). */
export function ApiErrorStatuses(...statuses: number[]): MethodDecorator {
  return documentErrors(statuses.map((status) => ({ status })));
}

/** The body of every error answer (common/error.filter.ts). */
export const ERROR_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string', description: 'the HTTP reason phrase' },
    code: { type: 'string', description: 'stable error code; absent for validation, sign-in and role errors' },
    message: {
      description: 'in Chinese, naming the field, CSV row or state at fault',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
    correlationId: { type: 'string', description: 'only on 500: the id to quote, also in the log' },
  },
};

const GENERIC: Record<number, string> = {
  400: 'Invalid input: `message` lists each field (or CSV row) at fault and what it expects',
  401: 'No token, or an invalid or expired one, or the account is deactivated',
  403: 'The caller\'s role may not do this',
  404: 'Unknown, or outside the caller\'s scope (the two are not told apart)',
  413: 'The body or a file is too large',
  422: 'A deadline falls in a year whose working-day calendar has not been loaded',
  429: 'Too many failed sign-ins',
  503: 'The database (or, where the request needs it, Redis) does not answer: try again later',
};

/**
 * Turns each operation's documented errors into responses (one per status, its codes as an
 * enum of `code`), and adds what every operation of a kind can answer: 401 where a token is
 * required, 400 where there is input to validate.
 */
export function completeErrorResponses(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ErrorResponse: ERROR_RESPONSE_SCHEMA };
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      if (operation) completeOperation(operation);
    }
  }
}

function completeOperation(operation: OperationObject): void {
  const extensions = operation as unknown as Record<string, DocumentedError[]>;
  const errors: DocumentedError[] = [];
  for (const key of Object.keys(extensions).filter((k) => k.startsWith(`${ERRORS_EXTENSION}-`))) {
    errors.push(...extensions[key]);
    delete extensions[key];
  }
  if (operation.security?.length) errors.push({ status: 401 });
  if (operation.parameters?.length || operation.requestBody) errors.push({ status: 400 });
  // Bodies are parsed per route (common/body-parsing.ts): any body can be too large or undecodable.
  if (operation.requestBody) errors.push({ status: 413, code: 'PAYLOAD_TOO_LARGE' }, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  // Every operation reads the database; when it does not answer the API says so instead of a 500.
  errors.push({ status: 503, code: 'SERVICE_UNAVAILABLE' });

  const byStatus = new Map<number, DocumentedError[]>();
  for (const error of errors) byStatus.set(error.status, [...(byStatus.get(error.status) ?? []), error]);
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    operation.responses[String(status)] = errorResponse(status, list);
  }
}

function errorResponse(status: number, errors: DocumentedError[]): ResponseObject {
  const codes = [...new Set(errors.flatMap((e) => (e.code ? [e.code] : [])))];
  const lines = [...new Set(errors.flatMap((e) => (e.description ? [e.description] : [])))];
  const uncoded = errors.some((e) => !e.code);
  if (uncoded && GENERIC[status] && !lines.length) lines.unshift(GENERIC[status]);
  if (codes.length) lines.push(`code: ${codes.map((c) => `\`${c}\``).join(', ')}`);
  const schema: SchemaObject | ReferenceObject = codes.length
    ? { allOf: [{ $ref: '#/components/schemas/ErrorResponse' }, { type: 'object', properties: { code: { type: 'string', enum: codes } } }] }
    : { $ref: '#/components/schemas/ErrorResponse' };
  const example = { statusCode: status, error: STATUS_CODES[status], ...(codes.length ? { code: codes[0] } : {}), message: '（中文说明）' };
  return { description: lines.join('. ') || GENERIC[status] || 'Error', content: { 'application/json': { schema, example } } };
}
