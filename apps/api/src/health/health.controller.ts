import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import type { Rolebook } from '@rolebook/runtime';
import { InjectRolebook } from '../rolebook.providers';

@Controller('health')
export class HealthController {
  constructor(@InjectRolebook() private readonly rolebook: Rolebook) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready while the projection runs; reports how far it is behind the store. */
  @Get('ready')
  async ready() {
    const head = await this.rolebook.store.headPosition().catch(() => {
      throw new HttpException({ status: 'failing', reason: 'event store unreachable' }, HttpStatus.SERVICE_UNAVAILABLE);
    });
    const projected = this.rolebook.projector.projectedPosition;
    const body = { status: this.rolebook.projector.healthy ? 'ok' : 'failing', head, projected, lag: (head ?? 0) - (projected ?? 0) };
    if (!this.rolebook.projector.healthy) throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
