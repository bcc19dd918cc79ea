import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  IndicatorPeopleSchema,
  IndicatorReportSchema,
  IndicatorTargetListSchema,
  IndicatorTrendSchema,
  PopulationImportResultSchema,
  PopulationListSchema,
  PopulationSchema,
  BinaryFile,
} from '@jiayi/contract';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { ApiResult } from '../common/api-result';
import {
  IndicatorPeopleQueryDto,
  IndicatorQueryDto,
  IndicatorTargetsDto,
  IndicatorTrendQueryDto,
  PopulationDto,
  PopulationImportDto,
  PopulationYearQueryDto,
} from './dto/indicators.dto';
import { IndicatorTargetsService } from './indicator-targets.service';
import { IndicatorsService } from './indicators.service';
import { PopulationsService } from './populations.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendWorkbook(reply: FastifyReply, asciiName: string, filename: string, content: Buffer): Buffer {
  reply.header('Content-Type', XLSX).header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  return content;
}

/** The evaluation dashboard: indicators, trend, the people behind a rate, the population denominators and the region's targets. */
@ApiTags('staff')
@ApiBearerAuth()
@Roles('doctor', 'clinicAdmin', 'regionAdmin')
@Controller('staff')
export class IndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly populations: PopulationsService,
    private readonly targets: IndicatorTargetsService,
  ) {}

  @Get('indicators')
  @ApiResult(IndicatorReportSchema, { errors: [404] })
  report(@Auth() auth: AuthContext, @Query() query: IndicatorQueryDto) {
    return this.indicators.report(auth, query);
  }

  @Get('indicators.xlsx')
  @ApiResult(BinaryFile('the 进展情况统计表 workbook'), { errors: [404], contentType: XLSX })
  async workbook(@Auth() auth: AuthContext, @Query() query: IndicatorQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const { filename, content } = await this.indicators.workbook(auth, query);
    return sendWorkbook(reply, 'indicators.xlsx', filename, content);
  }

  @Get('indicators/trend')
  @ApiResult(IndicatorTrendSchema, { errors: [404] })
  trend(@Auth() auth: AuthContext, @Query() query: IndicatorTrendQueryDto) {
    return this.indicators.trend(auth, query);
  }

  /** 409 INDICATOR.NO_PEOPLE for 号源使用率: it counts slot-pool places, not people. */
  @Get('indicators/:code/people')
  @ApiResult(IndicatorPeopleSchema, { errors: [404, 409] })
  people(@Auth() auth: AuthContext, @Param('code') code: string, @Query() query: IndicatorPeopleQueryDto) {
    return this.indicators.people(auth, code, query);
  }

  @Get('indicators/:code/people.xlsx')
  @ApiResult(BinaryFile('the list as a sheet'), { errors: [404, 409], contentType: XLSX })
  async peopleWorkbook(
    @Auth() auth: AuthContext,
    @Param('code') code: string,
    @Query() query: IndicatorPeopleQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { filename, content } = await this.indicators.peopleWorkbook(auth, code, query);
    return sendWorkbook(reply, 'indicator-people.xlsx', filename, content);
  }

  @Get('populations')
  @ApiResult(PopulationListSchema, { errors: [404] })
  listPopulations(@Auth() auth: AuthContext, @Query() query: PopulationYearQueryDto) {
    return this.populations.list(auth, query.year);
  }

  @Put('populations')
  @Roles('clinicAdmin', 'regionAdmin')
  @ApiResult(PopulationSchema, { errors: [404] })
  putPopulation(@Auth() auth: AuthContext, @Body() dto: PopulationDto) {
    return this.populations.put(auth, dto);
  }

  @Get('populations/template.xlsx')
  @Roles('clinicAdmin', 'regionAdmin')
  @ApiResult(BinaryFile('the import template'), { contentType: XLSX })
  async template(@Auth() auth: AuthContext, @Query() query: PopulationYearQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const year = query.year ?? new Date().getFullYear();
    return sendWorkbook(reply, 'populations-template.xlsx', `${year}年人口数据导入模板.xlsx`, await this.populations.template(auth, query.year));
  }

  @Post('populations/import')
  @HttpCode(200)
  @Roles('clinicAdmin', 'regionAdmin')
  @ApiResult(PopulationImportResultSchema, { errors: [404] })
  importPopulations(@Auth() auth: AuthContext, @Body() dto: PopulationImportDto) {
    return this.populations.import(auth, dto);
  }

  @Get('indicator-targets')
  @ApiResult(IndicatorTargetListSchema)
  listTargets(@Auth() auth: AuthContext) {
    return this.targets.list(auth);
  }

  @Put('indicator-targets')
  @Roles('regionAdmin')
  @ApiResult(IndicatorTargetListSchema)
  replaceTargets(@Auth() auth: AuthContext, @Body() dto: IndicatorTargetsDto) {
    return this.targets.replace(auth, dto);
  }
}
