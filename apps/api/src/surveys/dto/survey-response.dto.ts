import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  arrayMaxSize,
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  maxLength,
  MaxLength,
  ValidateNested,
  ValidationError,
} from 'class-validator';
import type { AnswerInput } from '@jiayi/domain';

export class AnswerDto {
  @ApiProperty() @IsString({ message: '题目编号不正确' }) @MaxLength(40, { message: '题目编号不正确' }) questionId: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: '选项格式不正确' })
  @ArrayMaxSize(30, { message: '选项过多' })
  @IsString({ each: true, message: '选项不正确' })
  @MaxLength(40, { each: true, message: '选项不正确' })
  optionIds?: string[];
  /** Checked for length by the questionnaire rules, which name the question. */
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '填写内容须为文字' }) @MaxLength(2000, { message: '填写内容过长' }) text?: string;
}

const ANSWER_FIELDS = new Set(['questionId', 'optionIds', 'text']);

function fieldError(property: string, value: unknown, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return Object.assign(new ValidationError(), { property, value, constraints, children });
}

/**
 * AnswerDto's rules checked by hand, with its messages and in the order class-validator reports
 * them (unknown fields first, then questionId, optionIds, text; the first failing rule of each, as
 * with `stopAtFirstError`): the errors `@ValidateNested() @Type(() => AnswerDto)` would give, without
 * building an AnswerDto and walking its metadata for each of a submission's answers. An answer that
 * is not an object (a number, null, a list) is refused as `answers[i]` with a Chinese message.
 */
export function answerErrors(answers: unknown): ValidationError[] {
  if (!Array.isArray(answers)) return [];
  const children: ValidationError[] = [];
  answers.forEach((answer: unknown, index) => {
    if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
      children.push(fieldError(String(index), answer, { nestedValidation: '答案格式不正确' }));
      return;
    }
    const own: ValidationError[] = [];
    for (const key of Object.keys(answer)) if (!ANSWER_FIELDS.has(key)) own.push(fieldError(key, undefined, { whitelistValidation: key }));
    const { questionId, optionIds, text } = answer as Record<string, unknown>;
    if (!maxLength(questionId, 40)) own.push(fieldError('questionId', questionId, { maxLength: '题目编号不正确' }));
    if (optionIds !== undefined && optionIds !== null) {
      // `each` rules apply to the elements of a list, to the value itself otherwise; then the list's size.
      if (!(Array.isArray(optionIds) ? optionIds : [optionIds]).every((id) => maxLength(id, 40))) {
        own.push(fieldError('optionIds', optionIds, { maxLength: '选项不正确' }));
      } else if (!arrayMaxSize(optionIds, 30)) own.push(fieldError('optionIds', optionIds, { arrayMaxSize: '选项过多' }));
    }
    if (text !== undefined && text !== null && !maxLength(text, 2000)) own.push(fieldError('text', text, { maxLength: '填写内容过长' }));
    if (own.length > 0) children.push(fieldError(String(index), answer, undefined, own));
  });
  return children.length > 0 ? [fieldError('answers', answers, undefined, children)] : [];
}

/**
 * A resident's submission (the hot path). class-validator checks the list; its answers are checked
 * by `answerErrors` (AnswerDto's rules and messages), which the validation pipe runs through
 * `nestedErrors` once the list itself is valid.
 */
export class SubmitResponseDto {
  @ApiProperty({ type: [AnswerDto] })
  @IsArray({ message: '请填写答案' })
  @ArrayMaxSize(200, { message: '答案过多' })
  answers: AnswerInput[];

  static nestedErrors(dto: SubmitResponseDto, failed: ReadonlySet<string>): ValidationError[] {
    return failed.has('answers') ? [] : answerErrors(dto.answers);
  }
}

/** A response staff enter after a phone interview (电话回访) or on site. */
export class StaffResponseDto {
  @ApiProperty({ type: [AnswerDto] })
  @IsArray({ message: '请填写答案' })
  @ArrayMaxSize(200, { message: '答案过多' })
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];
  @ApiProperty() @IsString({ message: '请选择居民' }) @IsNotEmpty({ message: '请选择居民' }) @MaxLength(36, { message: '居民不正确' }) personId: string;
  @ApiProperty({ enum: ['phone', 'onsite'] }) @IsIn(['phone', 'onsite'], { message: '填写方式须为电话回访或现场' }) channel: 'phone' | 'onsite';
}
