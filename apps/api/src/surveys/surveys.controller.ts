import { Body, Controller, Get, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { SubmitResponseDto } from './dto/survey-response.dto';
import { SurveyResponsesService } from './survey-responses.service';
import { SurveyWavesService } from './survey-waves.service';

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
  async open(@Auth() auth: AuthContext) {
    const self = await this.responses.residentSelf(auth);
    return self ? this.waves.openFor(self.placement) : [];
  }

  @Get(':id')
  async get(@Auth() auth: AuthContext, @Param('id') id: string) {
    const { loaded, respondent } = await this.responses.waveForResident(auth, id);
    const { wave, questionnaire } = loaded;
    const answered = await this.waves.hasAnswered(wave.id, respondent.person.id);
    return { id: wave.id, title: wave.title, opensAt: wave.opensAt.toISOString(), closesAt: wave.closesAt.toISOString(), answered, questionnaire };
  }

  @Post(':id/responses') @UseInterceptors(IdempotencyInterceptor)
  submit(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: SubmitResponseDto) {
    return this.responses.submitAsResident(auth, id, dto.answers);
  }
}
