import { Body, Controller, Get, Param, Post, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { QuestionnaireDto } from './dto/questionnaire.dto';
import { StaffResponseDto } from './dto/survey-response.dto';
import { CorrectPhoneDto, CreateSurveyWaveDto, CrossTabQueryDto, RecordCallDto, TextAnswersQueryDto } from './dto/survey-wave.dto';
import { QuestionnairesService } from './questionnaires.service';
import { SurveyReportsService } from './survey-reports.service';
import { SurveyResponsesService } from './survey-responses.service';
import { SurveyWavesService } from './survey-waves.service';
import {
  BinaryFile,
  CorrectedPhoneSchema,
  CreatedQuestionnaireSchema,
  CrossTabSchema,
  ResponseChannelsSchema,
  FieldworkSchema,
  QuestionnaireSummarySchema,
  SampleMemberSchema,
  StaffWaveDetailSchema,
  StaffWaveSchema,
  SurveyCallSchema,
  SurveyReportSchema,
  SurveyResponseReceiptSchema,
  TextAnswerPageSchema,
  Type,
  type StaffWaveDetail,
} from '@jiayi/contract';
import { ApiResult } from '../common/api-result';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SURVEY_STAFF = ['doctor', 'clinicAdmin', 'regionAdmin'] as const;

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffSurveysController {
  constructor(
    private readonly questionnaires: QuestionnairesService,
    private readonly waves: SurveyWavesService,
    private readonly responses: SurveyResponsesService,
    private readonly reports: SurveyReportsService,
  ) {}

  @Get('questionnaires')
  @Roles(...SURVEY_STAFF)
  @ApiResult(Type.Array(QuestionnaireSummarySchema))
  listQuestionnaires(@Auth() auth: AuthContext) {
    return this.questionnaires.list(auth);
  }

  @Post('questionnaires')
  @Roles('clinicAdmin', 'regionAdmin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(CreatedQuestionnaireSchema, { status: 201, errors: [409] })
  createQuestionnaire(@Auth() auth: AuthContext, @Body() dto: QuestionnaireDto) {
    return this.questionnaires.create(auth, dto);
  }

  @Get('survey-waves')
  @Roles(...SURVEY_STAFF)
  @ApiResult(Type.Array(StaffWaveSchema))
  listWaves(@Auth() auth: AuthContext) {
    return this.waves.list(auth);
  }

  @Post('survey-waves')
  @Roles('clinicAdmin', 'regionAdmin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(StaffWaveSchema, { status: 201 })
  createWave(@Auth() auth: AuthContext, @Body() dto: CreateSurveyWaveDto) {
    return this.waves.create(auth, dto);
  }

  /** The wave with its questionnaire, for staff entering a phone or on-site interview. */
  @Get('survey-waves/:id')
  @Roles(...SURVEY_STAFF)
  @ApiResult(StaffWaveDetailSchema, { errors: [404] })
  async wave(@Auth() auth: AuthContext, @Param('id') id: string): Promise<StaffWaveDetail> {
    const { wave, questionnaire } = await this.waves.forStaff(auth, id, 'fieldwork');
    return {
      id: wave.id,
      title: wave.title,
      scopeType: wave.scopeType,
      scopeId: wave.scopeId,
      opensAt: wave.opensAt.toISOString(),
      closesAt: wave.closesAt.toISOString(),
      questionnaire,
    };
  }

  @Get('survey-waves/:id/sample')
  @Roles(...SURVEY_STAFF)
  @ApiResult(Type.Array(SampleMemberSchema), { errors: [404] })
  sample(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.waves.sample(auth, id);
  }

  @Post('survey-waves/:id/calls')
  @Roles(...SURVEY_STAFF)
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(SurveyCallSchema, { status: 201, errors: [404] })
  recordCall(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: RecordCallDto) {
    return this.waves.recordCall(auth, id, dto);
  }

  @Put('survey-waves/:id/sample/:personId/phone')
  @Roles(...SURVEY_STAFF)
  @ApiResult(CorrectedPhoneSchema, { errors: [404] })
  correctPhone(@Auth() auth: AuthContext, @Param('id') id: string, @Param('personId') personId: string, @Body() dto: CorrectPhoneDto) {
    return this.waves.correctPhone(auth, id, personId, dto);
  }

  @Get('survey-waves/:id/fieldwork')
  @Roles(...SURVEY_STAFF)
  @ApiResult(FieldworkSchema, { errors: [404] })
  fieldwork(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.waves.fieldwork(auth, id);
  }

  @Post('survey-waves/:id/responses')
  @Roles(...SURVEY_STAFF)
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(SurveyResponseReceiptSchema, { status: 201, errors: [404, 409] })
  enterResponse(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: StaffResponseDto) {
    return this.responses.submitAsStaff(auth, id, dto);
  }

  @Get('survey-waves/:id/report')
  @Roles(...SURVEY_STAFF)
  @ApiResult(SurveyReportSchema, { errors: [404] })
  report(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.reports.report(auth, id);
  }

  @Get('survey-waves/:id/channels')
  @Roles(...SURVEY_STAFF)
  @ApiResult(ResponseChannelsSchema, { errors: [404] })
  channels(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.reports.channels(auth, id);
  }

  @Get('survey-waves/:id/crosstab')
  @Roles(...SURVEY_STAFF)
  @ApiResult(CrossTabSchema, { errors: [404] })
  crossTab(@Auth() auth: AuthContext, @Param('id') id: string, @Query() query: CrossTabQueryDto) {
    return this.reports.crossTab(auth, id, query);
  }

  @Get('survey-waves/:id/text-answers')
  @Roles(...SURVEY_STAFF)
  @ApiResult(TextAnswerPageSchema, { errors: [404] })
  textAnswers(@Auth() auth: AuthContext, @Param('id') id: string, @Query() query: TextAnswersQueryDto) {
    return this.reports.textAnswers(auth, id, query);
  }

  @Get('survey-waves/:id/report.xlsx')
  @Roles(...SURVEY_STAFF)
  @ApiResult(BinaryFile('the report as an Excel workbook'), { errors: [404], contentType: XLSX })
  async workbook(@Auth() auth: AuthContext, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { filename, content } = await this.reports.workbook(auth, id);
    reply
      .header('Content-Type', XLSX)
      .header('Content-Disposition', `attachment; filename="survey-report.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    return content;
  }
}
