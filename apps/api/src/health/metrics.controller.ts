// GET /metrics (Prometheus). With METRICS_TOKEN it answers only `Authorization: Bearer <token>`
// (401 otherwise, the token compared in constant time); without it, it is open in development
// and off (404) with NODE_ENV=production, where process metrics and operation counts are not for
// whoever reaches the port.
import { Controller, Get, Header, Headers, Inject, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { isProduction, type Config } from '@rolebook/config';
import { createHash, timingSafeEqual } from 'node:crypto';
import { CONFIG } from '../rolebook.providers';
import { METRICS, type Metrics } from './metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

export const metricsAllowed = (config: Pick<Config, 'METRICS_TOKEN' | 'NODE_ENV'>, authorization: string | undefined): 'ok' | 'unauthorized' | 'off' => {
  if (!config.METRICS_TOKEN) return isProduction(config) ? 'off' : 'ok';
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  // equal-length digests: neither the token nor its length shows in the timing
  return timingSafeEqual(digest(given), digest(config.METRICS_TOKEN)) ? 'ok' : 'unauthorized';
};

@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const allowed = metricsAllowed(this.config, authorization);
    if (allowed === 'off') throw new NotFoundException();
    if (allowed === 'unauthorized') throw new UnauthorizedException();
    return this.metrics.registry.metrics();
  }
}
