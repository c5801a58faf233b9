import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { Config } from '@rolebook/config';
import type { Access, Rolebook } from '@rolebook/runtime';
import type { RateLimits } from '../rate-limits/rate-limits';
import { ACCESS, InjectConfig, InjectRolebook, RATE_LIMITS } from '../rolebook.providers';
import { readiness, type Readiness } from './readiness';

@Controller('health')
export class HealthController {
  constructor(
    @InjectRolebook() private readonly rolebook: Rolebook,
    @InjectConfig() private readonly config: Config,
    @Inject(RATE_LIMITS) private readonly rateLimits: RateLimits,
    @Inject(ACCESS) private readonly access: Access,
  ) {}

  /** The process runs and answers HTTP. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready to serve: the event store answers, Redis answers (with REDIS_URL), PostgreSQL answers (with DATABASE_URL), the read model is within READY_MAX_PROJECTION_LAG events of the head; 503 otherwise, naming each check. */
  @Get('ready')
  async ready(): Promise<Readiness> {
    const answer = await readiness({
      store: this.rolebook.store,
      projector: this.rolebook.projector,
      redisReachable: () => this.rateLimits.redisReachable(),
      postgresReachable: () => this.access.sharedStateReachable(),
      maxLag: this.config.READY_MAX_PROJECTION_LAG,
      timeoutMs: this.config.READY_CHECK_TIMEOUT_MS,
    });
    if (answer.status !== 'ok') throw new HttpException(answer, HttpStatus.SERVICE_UNAVAILABLE);
    return answer;
  }
}
