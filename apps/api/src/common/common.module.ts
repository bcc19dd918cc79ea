import { Global, Module } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { authConfig, AuthConfig } from '../config/configuration';
import { PiiCipher } from './pii-cipher';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Services every feature uses: encryption of personal data, the audit log, idempotent POSTs. */
@Global()
@Module({
  providers: [
    { provide: PiiCipher, inject: [authConfig.KEY], useFactory: (config: AuthConfig) => new PiiCipher(config.idEncryptionKey, config.idHmacKey) },
    AuditService,
    IdempotencyInterceptor,
  ],
  exports: [PiiCipher, AuditService, IdempotencyInterceptor],
})
export class CommonModule {}
