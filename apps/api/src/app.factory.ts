import 'reflect-metadata';
import fastifyStatic from '@fastify/static';
import { LogLevel, Logger } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module';
import { ApiError, errorBody } from './common/api-error';
import { jsonDepth, MAX_JSON_DEPTH } from './common/json-depth';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { JsonLogger } from './common/json-logger';
import { ResponseContractInterceptor } from './common/response-contract.interceptor';
import { createValidationPipe } from './common/validation';
import { loadAppConfig } from './config/configuration';

export interface CreateAppOptions {
  /** Serve the H5 build at `/` (npm start). */
  serveH5?: boolean;
  logLevels?: LogLevel[];
}

/** Builds the Nest application on Fastify with the global pipe, filter, docs and request log. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = loadAppConfig();
  const logger = new JsonLogger(options.logLevels ?? ['log', 'error', 'warn']);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    new FastifyAdapter({
      trustProxy: true,
      bodyLimit: 1_048_576,
      // Errors Fastify raises before Nest sees the request (a malformed URL): same shape, in Chinese.
      frameworkErrors: (_error: Error, _request: FastifyRequest, reply: FastifyReply) => {
        const message = '请求地址格式不正确，请检查链接';
        void reply.code(400).header('content-type', 'application/json; charset=utf-8').send(errorBody(400, message, [{ field: 'url', message }]));
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
  app.enableCors({ origin: config.demoMode ? true : (process.env.CORS_ORIGINS ?? '').split(',').filter(Boolean), exposedHeaders: ['Content-Disposition'] });

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
    new DocumentBuilder().setTitle('家医 Jiayi API').setDescription('Family-doctor signing: residents, contracts, surveys, indicators').setVersion('0.1.0').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (options.serveH5 && existsSync(config.h5Dir)) {
    await app.register(fastifyStatic as never, { root: config.h5Dir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}
