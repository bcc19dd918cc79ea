import 'reflect-metadata';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { LogLevel, Logger } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ApiError, errorBody } from './common/api-error';
import { jsonDepth, MAX_JSON_DEPTH } from './common/json-depth';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { JsonLogger } from './common/json-logger';
import { ResponseContractInterceptor } from './common/response-contract.interceptor';
import { databaseRateLimitStore } from './common/rate-limit-store';
import { createValidationPipe } from './common/validation';
import { EdgeConfig, loadAppConfig, loadEdgeConfig } from './config/configuration';

export interface CreateAppOptions {
  /** Serve the H5 build at `/` (npm start). */
  serveH5?: boolean;
  logLevels?: LogLevel[];
}

/** Builds the Nest application on Fastify with the global pipe, filter, docs and request log. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = loadAppConfig();
  const edge = loadEdgeConfig();
  const logger = new JsonLogger(options.logLevels ?? ['log', 'error', 'warn']);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    new FastifyAdapter({
      trustProxy: edge.trustProxy,
      bodyLimit: edge.bodyLimit,
      // A client that trickles its request in is cut off instead of holding a socket.
      requestTimeout: 30_000,
      // Errors Fastify raises before Nest sees the request (a malformed URL): same shape, in Chinese.
      frameworkErrors: (_error: Error, _request: FastifyRequest, reply: FastifyReply) => {
        const message = '请求地址格式不正确，请检查链接';
        void reply
          .code(400)
          .header('content-type', 'application/json; charset=utf-8')
          .send(errorBody(400, message, [{ field: 'url', message }]));
      },
    }),
    // Nest's own body parsers are off: the JSON parser below is the only one (JSON is all the API takes).
    { logger, abortOnError: false, bodyParser: false },
  );
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  // Tests turn this on: every success response is checked against its route's shared schema.
  if (process.env.RESPONSE_CHECK === '1') app.useGlobalInterceptors(new ResponseContractInterceptor(app.get(Reflector)));
  app.enableCors({ origin: edge.corsOrigins, exposedHeaders: ['Content-Disposition'] });
  await protectEdge(app, edge, inlineScriptHashes(config.h5Dir));

  const fastify = app.getHttpAdapter().getInstance();
  // WeChat's wx.request sends `Content-Type: application/json` on every request, also a DELETE
  // without a body: an empty JSON body means no body, not a syntax error.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text === '') return done(null, undefined);
    // Refused before parsing: validation would recurse once per level of a deeply nested body.
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      const message = `请求内容嵌套过深（最多${MAX_JSON_DEPTH}层）`;
      return done(new ApiError(400, message, [{ field: 'body', message }]), undefined);
    }
    return parseJson(request, text, done);
  });
  const requests = new Logger('HTTP');
  fastify.addHook('onResponse', async (request, reply) => {
    // The path only: query strings and bodies may carry personal data.
    requests.log(`${request.method} ${request.url.split('?')[0]} ${reply.statusCode} ${Math.round(reply.elapsedTime)}ms`);
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('家医 Jiayi API')
      .setDescription('Family-doctor signing: residents, contracts, surveys, indicators')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (options.serveH5 && existsSync(config.h5Dir)) {
    await app.register(fastifyStatic as never, { root: config.h5Dir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}

/**
 * The inline scripts of the H5 build's index.html (Taro's viewport script), as CSP hashes: the page
 * runs them and no other inline script.
 */
function inlineScriptHashes(h5Dir: string): string[] {
  const index = join(h5Dir, 'index.html');
  if (!existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .filter(([, body]) => body.trim() !== '')
    .map(([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}

/** The H5 build (served by the API) loads its scripts, styles and fonts from here and calls only this origin. */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Taro's components set style attributes; styles come from the build's own files.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
  fontSrc: ["'self'", 'data:'],
  // blob: — a photo chosen in H5 is read back from its object URL before it is sent.
  connectSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

/** Security headers, and rate limits on sign-ins and on every request that carries no token. */
async function protectEdge(app: NestFastifyApplication, edge: EdgeConfig, scriptHashes: string[]): Promise<void> {
  await app.register(fastifyHelmet as never, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CONTENT_SECURITY_POLICY, scriptSrc: [...CONTENT_SECURITY_POLICY.scriptSrc, ...scriptHashes] },
    },
    // The H5 build is same-origin; API answers may be read by the configured H5 origin (CORS).
    crossOriginResourcePolicy: { policy: 'same-site' },
    crossOriginEmbedderPolicy: false,
  });
  const loginPaths = new Set(['/api/auth/wechat-login', '/api/auth/staff-login']);
  const isLogin = (request: FastifyRequest) => loginPaths.has(request.url.split('?')[0]);
  await app.register(fastifyRateLimit as never, {
    global: true,
    store: databaseRateLimitStore(app.get(DataSource)),
    timeWindow: edge.windowMs,
    keyGenerator: (request: FastifyRequest) => `${isLogin(request) ? 'login' : 'public'}:${request.ip}`,
    max: (_request: FastifyRequest, key: string) => (key.startsWith('login:') ? edge.loginMax : edge.publicMax),
    // Signed-in calls are limited by who may make them (the token), not counted here; the H5 files are static.
    allowList: (request: FastifyRequest) => !request.url.startsWith('/api/') || (!isLogin(request) && /^Bearer\s/i.test(request.headers.authorization ?? '')),
    // The database being away must not turn into a 500 here: the route itself answers 503.
    skipOnError: true,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
      new ApiError(429, `请求过于频繁，请${context.after.replace(/ seconds?/, '秒').replace(/ minutes?/, '分钟')}后再试`, [
        { field: 'request', message: '请求过于频繁' },
      ]),
  });
}
