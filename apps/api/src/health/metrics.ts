// Prometheus metrics of one API instance: process defaults, how far the projection is behind
// the log, and GraphQL operations by type and outcome, with their durations.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Rolebook } from '@rolebook/runtime';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const METRICS = Symbol('METRICS');

export interface Metrics {
  registry: Registry;
  plugin: ApolloServerPlugin;
}

export const createMetrics = (rolebook: Rolebook): Metrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'rolebook_projection_position',
    help: 'Global position of the last event applied to the read model',
    registers: [registry],
    collect() {
      this.set(rolebook.projector.projectedPosition ?? 0);
    },
  });
  new Gauge({
    name: 'rolebook_projection_up',
    help: '1 while the projection runs; 0 once it has stopped (a failing event, or the event store refusing it for good: access denied, an invalid checkpoint)',
    registers: [registry],
    collect() {
      this.set(rolebook.projector.healthy ? 1 : 0);
    },
  });
  new Gauge({
    name: 'rolebook_projection_lag',
    help: 'Head position minus projected position: events on SQLite, log bytes on KurrentDB; 0 when caught up',
    registers: [registry],
    async collect() {
      this.set(((await rolebook.store.headPosition()) ?? 0) - (rolebook.projector.projectedPosition ?? 0));
    },
  });
  const operations = new Counter({
    name: 'rolebook_graphql_operations_total',
    help: 'GraphQL operations',
    labelNames: ['type', 'outcome'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'rolebook_graphql_operation_seconds',
    help: 'GraphQL operation duration',
    labelNames: ['type'],
    registers: [registry],
  });

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const stop = durations.startTimer();
      return {
        async willSendResponse(ctx) {
          const type = ctx.operation?.operation ?? 'invalid';
          stop({ type });
          operations.inc({ type, outcome: ctx.errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
  return { registry, plugin };
};
