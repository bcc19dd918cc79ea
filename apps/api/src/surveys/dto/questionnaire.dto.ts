import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const ID = /^[A-Za-z0-9_-]{1,40}$/;
const idMessage = (what: string) => ({ message: `${what}编号须为1-40位英文字母、数字、下划线或连字符` });

export class QuestionOptionDto {
  @ApiProperty() @IsString(idMessage('选项')) @Matches(ID, idMessage('选项')) id: string;
  @ApiProperty()
  @IsString({ message: '请填写选项内容' })
  @IsNotEmpty({ message: '请填写选项内容' })
  @MaxLength(200, { message: '选项内容最多200个字' })
  label: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '选项分值须为数字' }) score?: number;
}

export class ShowIfDto {
  @ApiProperty() @IsString(idMessage('题目')) @Matches(ID, idMessage('题目')) questionId: string;
  @ApiProperty({ type: [String] })
  @IsArray({ message: '显示条件的选项格式不正确' })
  @ArrayMinSize(1, { message: '显示条件至少要有一个选项' })
  @Matches(ID, { each: true, ...idMessage('选项') })
  optionIds: string[];
}

export class QuestionDto {
  @ApiProperty() @IsString(idMessage('题目')) @Matches(ID, idMessage('题目')) id: string;
  @ApiProperty()
  @IsString({ message: '请填写题目' })
  @IsNotEmpty({ message: '请填写题目' })
  @MaxLength(300, { message: '题目最多300个字' })
  title: string;
  @ApiProperty({ enum: ['single', 'multiple', 'text', 'rating'] })
  @IsIn(['single', 'multiple', 'text', 'rating'], { message: '题型须为单选、多选、填空或评分' })
  type: 'single' | 'multiple' | 'text' | 'rating';
  @ApiProperty() @IsBoolean({ message: '是否必答须为 true 或 false' }) required: boolean;
  @ApiProperty({ type: [QuestionOptionDto] })
  @IsArray({ message: '选项格式不正确' })
  @ArrayMaxSize(30, { message: '选项最多30个' })
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  options: QuestionOptionDto[];
  @ApiPropertyOptional({ type: ShowIfDto }) @IsOptional() @ValidateNested() @Type(() => ShowIfDto) showIf?: ShowIfDto;
  @ApiPropertyOptional({ description: '答案属于健康信息（如"您属于哪一类人群"）：只加密保存并计入汇总' })
  @IsOptional()
  @IsBoolean({ message: '是否敏感须为 true 或 false' })
  sensitive?: boolean;
}

export class IndicatorDto {
  @ApiProperty() @IsString(idMessage('指标')) @Matches(ID, idMessage('指标')) code: string;
  @ApiProperty()
  @IsString({ message: '请填写指标名称' })
  @IsNotEmpty({ message: '请填写指标名称' })
  @MaxLength(60, { message: '指标名称最多60个字' })
  name: string;
  @ApiProperty({ enum: ['rate', 'meanScore'] }) @IsIn(['rate', 'meanScore'], { message: '指标类型须为比率或平均分' }) kind: 'rate' | 'meanScore';
  @ApiProperty() @IsString(idMessage('题目')) @Matches(ID, idMessage('题目')) questionId: string;
  @ApiPropertyOptional({ type: [String], description: 'rate: the options counted in the numerator' })
  @IsOptional()
  @IsArray({ message: '指标的选项格式不正确' })
  @Matches(ID, { each: true, ...idMessage('选项') })
  optionIds?: string[];
}

/** A questionnaire an admin writes; saving a code that exists makes its next version. */
export class QuestionnaireDto {
  @ApiProperty({ example: 'standard' }) @IsString(idMessage('问卷')) @Matches(ID, idMessage('问卷')) code: string;
  @ApiProperty()
  @IsString({ message: '请填写问卷标题' })
  @IsNotEmpty({ message: '请填写问卷标题' })
  @MaxLength(200, { message: '问卷标题最多200个字' })
  title: string;
  @ApiProperty({ type: [QuestionDto] })
  @IsArray({ message: '题目格式不正确' })
  @ArrayMaxSize(100, { message: '题目最多100道' })
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions: QuestionDto[];
  @ApiProperty({ type: [IndicatorDto] })
  @IsArray({ message: '指标格式不正确' })
  @ArrayMaxSize(30, { message: '指标最多30个' })
  @ValidateNested({ each: true })
  @Type(() => IndicatorDto)
  indicators: IndicatorDto[];
}
