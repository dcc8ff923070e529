/**
 * The OpenAPI 3.1 document, built from the routes as they are registered: their JSON schemas
 * (the same ones Fastify validates requests with), summaries and roles. A route cannot be added
 * without appearing here.
 */
import { errorSchema } from './schemas.ts';

export interface RouteDoc {
  method: string;
  url: string;
  summary: string;
  description?: string;
  tags: string[];
  isPublic: boolean;
  schema: {
    params?: SchemaObject;
    querystring?: SchemaObject;
    body?: SchemaObject;
    response?: Record<string, SchemaObject>;
  };
}

type SchemaObject = { properties?: Record<string, unknown>; required?: readonly string[] } & Record<
  string,
  unknown
>;

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'invalid parameters or body (BAD_REQUEST)',
  '401': 'missing, unknown or revoked token (UNAUTHORIZED)',
  '403': 'the role may not do this (FORBIDDEN)',
  '404': 'does not exist, or belongs to another salesperson (NOT_FOUND)',
  '409': 'the state does not allow it (ILLEGAL_TRANSITION, ALREADY_ENROLLED, CONFLICT)',
  '422': 'cannot be done for this lead or template (NOT_MAILABLE, TEMPLATE_*)',
};

function parameters(where: 'path' | 'query', schema: SchemaObject | undefined) {
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s as { description?: string };
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function operation(route: RouteDoc) {
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(route.schema.response ?? { 200: { type: 'object' } })) {
    const { description, ...rest } = schema as { description?: string; type?: unknown } & Record<
      string,
      unknown
    >;
    responses[status] = {
      description: description ?? 'OK',
      content: {
        [status === '200' && rest['type'] === 'string' ? 'text/plain' : 'application/json']: { schema: rest },
      },
    };
  }
  const errors = route.isPublic
    ? ['400']
    : ['400', '401', '403', '404', ...(route.method === 'GET' ? [] : ['409', '422'])];
  for (const status of errors) {
    responses[status] ??= {
      description: ERROR_DESCRIPTIONS[status],
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  const body = route.schema.body;
  return {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    operationId: `${route.method.toLowerCase()}${route.url
      .replace(/^\/api/, '')
      .split(/[/.-]/)
      .filter(Boolean)
      .map((p) =>
        p.startsWith(':')
          ? `By${p.charAt(1).toUpperCase()}${p.slice(2)}`
          : p.charAt(0).toUpperCase() + p.slice(1),
      )
      .join('')}`,
    ...(route.isPublic ? { security: [] } : {}),
    parameters: [
      ...parameters('path', route.schema.params),
      ...parameters('query', route.schema.querystring),
    ],
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    responses,
  };
}

export function openApiDocument(routes: readonly RouteDoc[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...routes].sort((a, b) => a.url.localeCompare(b.url))) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      description:
        'trademail: inquiries, leads, sequences and reports for export sales teams. Roles: salesperson (own leads), manager (all), readonly (all, without contact details). See docs/api.md.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'a token from `trademail token create --user <email>`',
        },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
