import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

export class QuoteRequestDto {
  @ApiProperty()
  @IsString({ message: '请选择签约人' })
  @IsNotEmpty({ message: '请选择签约人' })
  @MaxLength(36, { message: '签约人不正确' })
  personId: string;

  @ApiProperty({ type: [String], example: ['basicPublicHealth', 'basicMedical', 'elderly'] })
  @IsArray({ message: '请选择服务包' })
  @ArrayMinSize(1, { message: '请至少选择一个服务包' })
  @ArrayMaxSize(20, { message: '服务包过多' })
  @IsString({ each: true, message: '服务包编码不正确' })
  @MaxLength(40, { each: true, message: '服务包编码不正确' })
  packageCodes: string[];

  @ApiProperty({ minimum: 1, maximum: 3 })
  @IsInt({ message: '签约年限须为1、2或3年' })
  @Min(1, { message: '签约年限须为1、2或3年' })
  @Max(3, { message: '签约年限须为1、2或3年' })
  years: number;
}

export class PackagesQueryDto {
  @ApiProperty()
  @IsString({ message: '请选择签约人' })
  @IsNotEmpty({ message: '请选择签约人' })
  @MaxLength(36, { message: '签约人不正确' })
  personId: string;
}
