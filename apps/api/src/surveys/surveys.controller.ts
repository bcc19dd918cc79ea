import { Body, Controller, Get, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccountCheckedByRoute, Auth, AuthContext, Roles } from '../auth/auth-context';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { SubmitResponseDto } from './dto/survey-response.dto';
import { SurveyResponsesService } from './survey-responses.service';
import { SurveyWavesService } from './survey-waves.service';
import { ResidentWaveSchema, ResidentWaveSummarySchema, SurveyResponseReceiptSchema, Type, type ResidentWave, type ResidentWaveSummary } from '@jiayi/contract';
import { ApiResult } from '../common/api-result';

@ApiTags('resident')
@ApiBearerAuth()
@Roles('resident')
@Controller('survey-waves')
export class SurveysController {
  constructor(
    private readonly waves: SurveyWavesService,
    private readonly responses: SurveyResponsesService,
  ) {}

  @Get()
  @ApiResult(Type.Array(ResidentWaveSummarySchema))
  async open(@Auth() auth: AuthContext): Promise<ResidentWaveSummary[]> {
    const self = await this.responses.residentSelf(auth);
    return self ? this.waves.openFor(self.placement) : [];
  }

  @Get(':id')
  @ApiResult(ResidentWaveSchema, { errors: [404] })
  async get(@Auth() auth: AuthContext, @Param('id') id: string): Promise<ResidentWave> {
    const { loaded, respondent } = await this.responses.waveForResident(auth, id);
    const { wave, questionnaire } = loaded;
    const answered = await this.waves.hasAnswered(wave.id, respondent.person.id);
    return { id: wave.id, title: wave.title, opensAt: wave.opensAt.toISOString(), closesAt: wave.closesAt.toISOString(), answered, questionnaire };
  }

  @Post(':id/responses')
  @AccountCheckedByRoute()
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(SurveyResponseReceiptSchema, { status: 201, errors: [404, 409] })
  submit(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: SubmitResponseDto) {
    return this.responses.submitAsResident(auth, id, dto.answers);
  }
}
