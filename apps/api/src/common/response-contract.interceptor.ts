import { CallHandler, ExecutionContext, Injectable, InternalServerErrorException, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { map, type Observable } from 'rxjs';
import { RESPONSE_SCHEMA } from './api-result';

FormatRegistry.Set('date', (value) => /^\d{4}-\d{2}-\d{2}$/.test(value));
FormatRegistry.Set('date-time', (value) => !Number.isNaN(Date.parse(value)) && /T/.test(value));
FormatRegistry.Set('binary', () => true);

/**
 * Checks every successful response against the schema its route declares with `@ApiResult`
 * (the shapes of `@jiayi/contract`), as the client receives it (after JSON serialisation).
 * On in tests (`RESPONSE_CHECK=1`): a response that drifted from the shared shape fails the
 * request loudly instead of reaching a client. Off in production: it costs a serialisation.
 */
@Injectable()
export class ResponseContractInterceptor implements NestInterceptor {
  private readonly logger = new Logger('ResponseContract');
  private readonly compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const schema = this.reflector.get<TSchema | null | undefined>(RESPONSE_SCHEMA, context.getHandler());
    const route = `${context.getClass().name}.${context.getHandler().name}`;
    return next.handle().pipe(
      map((body) => {
        if (schema === undefined) throw new InternalServerErrorException(`${route} declares no response schema (@ApiResult)`);
        if (schema === null || Buffer.isBuffer(body)) return body;
        const sent: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
        const check = this.check(schema);
        if (!check.Check(sent)) {
          const problems = [...check.Errors(sent)].slice(0, 5).map((e) => `${e.path || '/'}: ${e.message}`);
          this.logger.error(`${route} answered outside its declared schema: ${problems.join('; ')}`);
          throw new InternalServerErrorException(`response of ${route} does not match its schema: ${problems.join('; ')}`);
        }
        return body;
      }),
    );
  }

  private check(schema: TSchema): TypeCheck<TSchema> {
    let check = this.compiled.get(schema);
    if (!check) {
      check = TypeCompiler.Compile(schema);
      this.compiled.set(schema, check);
    }
    return check;
  }
}
