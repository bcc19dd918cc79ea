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

  @Get('questionnaires') @Roles(...SURVEY_STAFF)
  listQuestionnaires(@Auth() auth: AuthContext) {
    return this.questionnaires.list(auth);
  }

  @Post('questionnaires') @Roles('clinicAdmin', 'regionAdmin') @UseInterceptors(IdempotencyInterceptor)
  createQuestionnaire(@Auth() auth: AuthContext, @Body() dto: QuestionnaireDto) {
    return this.questionnaires.create(auth, dto);
  }

  @Get('survey-waves') @Roles(...SURVEY_STAFF)
  listWaves(@Auth() auth: AuthContext) {
    return this.waves.list(auth);
  }

  @Post('survey-waves') @Roles('clinicAdmin', 'regionAdmin') @UseInterceptors(IdempotencyInterceptor)
  createWave(@Auth() auth: AuthContext, @Body() dto: CreateSurveyWaveDto) {
    return this.waves.create(auth, dto);
  }

  /** The wave with its questionnaire, for staff entering a phone or on-site interview. */
  @Get('survey-waves/:id') @Roles(...SURVEY_STAFF)
  async wave(@Auth() auth: AuthContext, @Param('id') id: string) {
    const { wave, questionnaire } = await this.waves.forStaff(auth, id, 'fieldwork');
    return { id: wave.id, title: wave.title, scopeType: wave.scopeType, scopeId: wave.scopeId, opensAt: wave.opensAt.toISOString(), closesAt: wave.closesAt.toISOString(), questionnaire };
  }

  @Get('survey-waves/:id/sample') @Roles(...SURVEY_STAFF)
  sample(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.waves.sample(auth, id);
  }

  @Post('survey-waves/:id/calls') @Roles(...SURVEY_STAFF) @UseInterceptors(IdempotencyInterceptor)
  recordCall(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: RecordCallDto) {
    return this.waves.recordCall(auth, id, dto);
  }

  @Put('survey-waves/:id/sample/:personId/phone') @Roles(...SURVEY_STAFF)
  correctPhone(@Auth() auth: AuthContext, @Param('id') id: string, @Param('personId') personId: string, @Body() dto: CorrectPhoneDto) {
    return this.waves.correctPhone(auth, id, personId, dto);
  }

  @Get('survey-waves/:id/fieldwork') @Roles(...SURVEY_STAFF)
  fieldwork(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.waves.fieldwork(auth, id);
  }

  @Post('survey-waves/:id/responses') @Roles(...SURVEY_STAFF) @UseInterceptors(IdempotencyInterceptor)
  enterResponse(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: StaffResponseDto) {
    return this.responses.submitAsStaff(auth, id, dto);
  }

  @Get('survey-waves/:id/report') @Roles(...SURVEY_STAFF)
  report(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.reports.report(auth, id);
  }

  @Get('survey-waves/:id/text-answers') @Roles(...SURVEY_STAFF)
  textAnswers(@Auth() auth: AuthContext, @Param('id') id: string, @Query() query: TextAnswersQueryDto) {
    return this.reports.textAnswers(auth, id, query);
  }

  @Get('survey-waves/:id/channels') @Roles(...SURVEY_STAFF)
  channels(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.reports.channels(auth, id);
  }

  @Get('survey-waves/:id/crosstab') @Roles(...SURVEY_STAFF)
  crossTab(@Auth() auth: AuthContext, @Param('id') id: string, @Query() query: CrossTabQueryDto) {
    return this.reports.crossTab(auth, id, query);
  }

  @Get('survey-waves/:id/report.xlsx') @Roles(...SURVEY_STAFF)
  async workbook(@Auth() auth: AuthContext, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { filename, content } = await this.reports.workbook(auth, id);
    reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="survey-report.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    return content;
  }
}
