// POST /webhooks/:provider?tenant=SLUG: verifies the signature over the raw bytes with every
// active secret of that provider and tenant, checks the body is what the provider sends, records
// the delivery durably, and only then answers 202 (200 for a duplicate, ignored). Nothing is
// appended here: processing happens after, from the inbox. 404 unknown provider, 413 over the
// body limit, then one and the same 401 for whatever fails before the signature is verified (a
// malformed tenant, a tenant without this integration, a missing, wrong or stale signature), so
// a caller learns nothing about which tenants exist or have which integration; 400 only once the
// signature is good, and only for a body that cannot be what the provider sends (not JSON, not in
// its envelope): an event Rolebook does not read is recorded and parked with a reason code. 503
// with Retry-After when the stores are unreachable (PostgreSQL down): nothing was recorded, and
// the provider's retry is recorded once they are back. The body arrives as raw bytes, unparsed
// (http-hardening.module.ts). Deliveries received in one turn of the event loop are recorded in
// one durable transaction (group commit, Hris.record), each answered only once it has committed.
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
  ServiceUnavailableException,
  UnauthorizedException,
  UseFilters,
} from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Config } from '@rolebook/config';
import { isTenantId } from '@rolebook/domain';
import { checkEnvelope, isProvider, MalformedPayload, VERIFIERS } from '@rolebook/hris';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { UnexpectedErrorFilter } from '../http/unexpected-error.filter';
import { ACCESS, CONFIG, HRIS, LOGGER } from '../rolebook.providers';
import type { Access, Hris } from '@rolebook/runtime';
import { randomBytes } from 'node:crypto';

const UNKNOWABLE_SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** Seconds a sender is asked to wait before retrying a delivery the stores could not take. */
export const STORE_UNAVAILABLE_RETRY_AFTER_S = 5;

@Controller('webhooks')
@UseFilters(UnexpectedErrorFilter)
export class WebhooksController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(HRIS) private readonly hris: Hris,
    @Inject(ACCESS) private readonly access: Access,
  ) {}

  @Post(':provider')
  @HttpCode(HttpStatus.ACCEPTED)
  async receive(
    @Param('provider') provider: string,
    @Query('tenant') tenantParam: string | undefined,
    @Req() req: RawBodyRequest<Request>,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!isProvider(provider)) throw new NotFoundException('Unknown webhook provider');
    const requested = tenantParam ?? this.config.DEFAULT_TENANT;
    const tenantId = isTenantId(requested) ? requested : null;
    const secrets = (tenantId && this.config.HRIS_INTEGRATIONS[tenantId]?.[provider]?.secrets) || [];
    const raw = Buffer.isBuffer(req.rawBody) ? req.rawBody : Buffer.alloc(0);
    // without a secret, verify against a throwaway one all the same: the answer and its timing
    // are those of a wrong signature
    const verification = VERIFIERS[provider]({ raw, headers: req.headers, secrets: secrets.length > 0 ? secrets : [UNKNOWABLE_SECRET], now: new Date() });
    if (!tenantId || secrets.length === 0 || !verification.ok) {
      const reason = !tenantId ? 'invalid_tenant' : secrets.length === 0 ? 'no_integration' : verification.ok ? 'unreachable' : verification.reason;
      // a malformed tenant is the caller's text: not logged
      this.logger.warn({ tenantId: tenantId ?? undefined, provider, reason }, 'webhook refused');
      throw new UnauthorizedException();
    }
    // an integration configured for a tenant nobody created records nothing: tenants exist only once an installation admin creates them
    if (!(await this.unlessUnavailable(res, tenantId, provider, () => this.access.tenants.exists(tenantId)))) {
      this.logger.warn({ tenantId, provider, reason: 'tenant_not_created' }, 'webhook refused');
      throw new UnauthorizedException();
    }
    if (raw.length === 0) throw new BadRequestException('The body must be JSON');
    // only a body that cannot come from the provider is refused; whatever else a genuine delivery
    // says is recorded, and applied or parked with a reason code by the processor
    try {
      checkEnvelope(provider, raw);
    } catch (error) {
      if (error instanceof MalformedPayload) throw new BadRequestException('The body is not a payload this provider sends');
      throw error;
    }
    const delivery = await this.unlessUnavailable(res, tenantId, provider, () =>
      this.hris.record({ tenantId, provider, deliveryId: verification.deliveryId, body: raw, receivedAt: new Date().toISOString() }),
    );
    if (!delivery) {
      this.logger.info({ tenantId, provider }, 'duplicate webhook delivery ignored');
      res.status(HttpStatus.OK);
      return { status: 'duplicate' };
    }
    this.logger.info({ tenantId, provider, delivery: delivery.seq }, 'webhook delivery recorded');
    return { status: 'accepted', id: String(delivery.seq) };
  }

  /** A store call; when it fails (the store unreachable), 503 with Retry-After: the delivery is not recorded, and its retry will be. */
  private async unlessUnavailable<T>(res: Response, tenantId: string, provider: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      this.logger.error({ err, tenantId, provider }, 'webhook delivery not recorded: store unavailable; the sender is asked to retry');
      res.setHeader('Retry-After', String(STORE_UNAVAILABLE_RETRY_AFTER_S));
      throw new ServiceUnavailableException('The delivery could not be recorded now; retry later');
    }
  }
}
