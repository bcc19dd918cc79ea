import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, of } from 'rxjs';
import { PersonSchema } from '@jiayi/contract';
import { ApiResult } from './api-result';
import { ResponseContractInterceptor } from './response-contract.interceptor';

class Routes {
  @ApiResult(PersonSchema)
  person() {
    return null;
  }

  undeclared() {
    return null;
  }
}

const contextFor = (handler: keyof Routes) => ({ getHandler: () => Routes.prototype[handler], getClass: () => Routes }) as unknown as ExecutionContext;
const person = {
  id: 'p1',
  name: '张三',
  idNumberMasked: '110105********1234',
  gender: 'male',
  birthDate: '1950-01-01',
  age: 76,
  tags: ['elderly65'],
  declaredTags: [],
  communityId: null,
  relation: 'self',
};

describe(ResponseContractInterceptor.name, () => {
  const interceptor = new ResponseContractInterceptor(new Reflector());
  const run = (handler: keyof Routes, body: unknown) => lastValueFrom(interceptor.intercept(contextFor(handler), { handle: () => of(body) }));

  it('lets a response of the declared shape through, extra fields included', async () => {
    await expect(run('person', { ...person, extra: 1 })).resolves.toMatchObject({ id: 'p1' });
  });

  it('fails a response that drifted from the shared shape', async () => {
    const { idNumberMasked: _dropped, ...withoutMask } = person;
    await expect(run('person', withoutMask)).rejects.toThrow(/idNumberMasked/);
    await expect(run('person', { ...person, gender: 'unknown' })).rejects.toThrow(/gender/);
    await expect(run('person', { ...person, communityId: 5 })).rejects.toThrow(/communityId/);
  });

  it('fails a route that declares no response schema', async () => {
    await expect(run('undeclared', {})).rejects.toThrow(/declares no response schema/);
  });
});
