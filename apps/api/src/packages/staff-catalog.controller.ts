import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OfferedPackageSchema, RegionPolicySchema, Type } from '@jiayi/contract';
import { Auth, AuthContext, Roles, STAFF_ROLES } from '../auth/auth-context';
import { ApiResult } from '../common/api-result';
import { PackageDto, RegionPolicyDto } from './dto/staff-catalog.dto';
import { StaffCatalogService } from './staff-catalog.service';

/** The region's catalog and policy: every staff member reads them, the region admin changes them. */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffCatalogController {
  constructor(private readonly staffCatalog: StaffCatalogService) {}

  @Get('policies')
  @Roles(...STAFF_ROLES)
  @ApiResult(RegionPolicySchema, { errors: [404] })
  policy(@Auth() auth: AuthContext) {
    return this.staffCatalog.policy(auth.regionId);
  }

  @Put('policies')
  @Roles('regionAdmin')
  @ApiResult(RegionPolicySchema)
  updatePolicy(@Auth() auth: AuthContext, @Body() dto: RegionPolicyDto) {
    return this.staffCatalog.updatePolicy(auth.regionId, dto);
  }

  @Get('packages')
  @Roles(...STAFF_ROLES)
  @ApiResult(Type.Array(OfferedPackageSchema), { errors: [404] })
  packages(@Auth() auth: AuthContext) {
    return this.staffCatalog.packages(auth.regionId);
  }

  @Post('packages')
  @Roles('regionAdmin')
  @ApiResult(OfferedPackageSchema, { status: 201, errors: [409] })
  createPackage(@Auth() auth: AuthContext, @Body() dto: PackageDto) {
    return this.staffCatalog.createPackage(auth.regionId, dto);
  }

  @Put('packages/:code')
  @Roles('regionAdmin')
  @ApiResult(OfferedPackageSchema, { errors: [404, 409] })
  updatePackage(@Auth() auth: AuthContext, @Param('code') code: string, @Body() dto: PackageDto) {
    return this.staffCatalog.updatePackage(auth.regionId, code, dto);
  }
}
