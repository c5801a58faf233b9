// POST /webhooks/:provider?tenant=SLUG: verifies the signature over the raw bytes with every
// active secret of that provider and tenant, checks the body is what the provider sends, records
// the delivery durably, and only then answers 202 (200 for a duplicate, ignored). Nothing is
// appended here: processing happens after, from the inbox. 404 unknown provider, 401 missing or
// wrong signature or stale timestamp, 400 malformed body, 413 over the body limit.
import {
  BadRequestException,
  Controller,
  HttpCode,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UnauthorizedException,
  UseFilters,
} from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Config } from '@rolebook/config';
import { isTenantId } from '@rolebook/domain';
import { isProvider, MalformedPayload, MappingNotBuilt, parsePayload, VERIFIERS } from '@rolebook/hris';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { UnexpectedErrorFilter } from '../http/unexpected-error.filter';
import { CONFIG, HRIS, LOGGER } from '../rolebook.providers';
import type { Hris } from '@rolebook/runtime';

@Controller('webhooks')
@UseFilters(UnexpectedErrorFilter)
export class WebhooksController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(HRIS) private readonly hris: Hris,
  ) {}

  @Post(':provider')
  @HttpCode(HttpStatus.ACCEPTED)
  receive(
    @Param('provider') provider: string,
    @Query('tenant') tenantParam: string | undefined,
    @Req() req: RawBodyRequest<Request>,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!isProvider(provider)) throw new NotFoundException('Unknown webhook provider');
    const tenantId = tenantParam ?? this.config.DEFAULT_TENANT;
    if (!isTenantId(tenantId)) throw new BadRequestException('tenant must be a lowercase slug');
    const secrets = this.config.HRIS_INTEGRATIONS[tenantId]?.[provider]?.secrets ?? [];
    const raw = req.rawBody;
    if (secrets.length === 0) throw new UnauthorizedException('No active secret for this provider and tenant');
    if (!raw || raw.length === 0) throw new BadRequestException('The body must be JSON');
    const verification = VERIFIERS[provider]({ raw, headers: req.headers, secrets, now: new Date() });
    if (!verification.ok) {
      this.logger.warn({ tenantId, provider, reason: verification.reason }, 'webhook refused');
      throw new UnauthorizedException(verification.reason);
    }
    try {
      parsePayload(provider, raw);
    } catch (error) {
      if (error instanceof MalformedPayload) throw new BadRequestException('The body is not a payload this provider sends');
      // recorded and parked with this reason, replayable once the mapping is built
      if (!(error instanceof MappingNotBuilt)) throw error;
    }
    const delivery = this.hris.inbox.record({ tenantId, provider, deliveryId: verification.deliveryId, body: raw, receivedAt: new Date().toISOString() });
    if (!delivery) {
      this.logger.info({ tenantId, provider }, 'duplicate webhook delivery ignored');
      res.status(HttpStatus.OK);
      return { status: 'duplicate' };
    }
    this.logger.info({ tenantId, provider, delivery: delivery.seq }, 'webhook delivery recorded');
    this.hris.dispatch(delivery);
    return { status: 'accepted', id: String(delivery.seq) };
  }
}
