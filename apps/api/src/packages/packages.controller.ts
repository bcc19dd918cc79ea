import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { refusalError } from '../common/api-error';
import { PeopleService } from '../people/people.service';
import { CatalogService } from './catalog.service';
import { PackagesQueryDto, QuoteRequestDto } from './dto/quote.dto';
import { OfferedPackageSchema, QuoteSchema, SigningPolicySchema, Type, type SigningPolicy } from '@jiayi/contract';
import { ApiResult } from '../common/api-result';

@ApiTags('resident')
@ApiBearerAuth()
@Roles('resident')
@Controller()
export class PackagesController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly people: PeopleService,
  ) {}

  @Get('packages')
  @ApiResult(Type.Array(OfferedPackageSchema), { errors: [404, 409] })
  async packages(@Auth() auth: AuthContext, @Query() query: PackagesQueryDto) {
    return this.catalog.offeredTo(await this.people.findOwned(auth, query.personId));
  }

  @Get('policy')
  @ApiResult(SigningPolicySchema, { errors: [404, 409] })
  async policy(@Auth() auth: AuthContext, @Query() query: PackagesQueryDto): Promise<SigningPolicy> {
    const { maxPersonalisedPackages, renewalWindowDays, doctorCapacity } = (await this.catalog.regionOf(await this.people.findOwned(auth, query.personId)))
      .policy;
    return { maxPersonalisedPackages, renewalWindowDays, doctorCapacity };
  }

  @Post('quotes')
  @HttpCode(200)
  @ApiResult(QuoteSchema, { errors: [404, 409] })
  async quote(@Auth() auth: AuthContext, @Body() dto: QuoteRequestDto) {
    const person = await this.people.findOwned(auth, dto.personId);
    const { result } = await this.catalog.quoteFor(person, dto.packageCodes, dto.years);
    if (!result.ok) throw refusalError(result);
    return result.value;
  }
}
