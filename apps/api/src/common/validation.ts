import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { ApiError, ErrorDetail } from './api-error';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? `不支持的字段：${field}` : constraint === 'unknownValue' ? '请求内容为空或格式不正确' : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * A DTO class may check nested values by hand (a hot path, e.g. SubmitResponseDto's answers): a
 * static `nestedErrors(dto, failed)` returning the ValidationErrors class-validator would have given,
 * given the properties class-validator already refused. They come after class-validator's own.
 */
interface ChecksNestedByHand {
  nestedErrors(dto: object, failed: ReadonlySet<string>): ValidationError[];
}

class JiayiValidationPipe extends ValidationPipe {
  protected async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    const byHand = (object.constructor as Partial<ChecksNestedByHand> | undefined)?.nestedErrors;
    return byHand ? [...errors, ...byHand(object, new Set(errors.map((e) => e.property)))] : errors;
  }
}

/**
 * The global validation pipe: unknown fields refused, every failure reported as
 * `{ field, message }` with the DTO's Chinese message; the first message is the summary.
 */
export function createValidationPipe(): ValidationPipe {
  return new JiayiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new ApiError(400, details[0]?.message ?? '请求参数有误', details);
    },
  });
}
