// Prometheus metrics of one API instance: process defaults, how far the projection is behind
// the log, and GraphQL operations by type and outcome, with their durations.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Rolebook } from '@rolebook/runtime';
import { performance } from 'node:perf_hooks';
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

  // each series' child kept once first used: prom-client otherwise hashes the labels on every request
  const durationOf = new Map<string, ReturnType<typeof durations.labels>>();
  const countOf = new Map<string, ReturnType<typeof operations.labels>>();
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(ctx) {
          const type = ctx.operation?.operation ?? 'invalid';
          const outcome = ctx.errors?.length ? 'error' : 'ok';
          let duration = durationOf.get(type);
          if (!duration) durationOf.set(type, (duration = durations.labels({ type })));
          duration.observe((performance.now() - started) / 1000);
          let count = countOf.get(`${type} ${outcome}`);
          if (!count) countOf.set(`${type} ${outcome}`, (count = operations.labels({ type, outcome })));
          count.inc();
        },
      };
    },
  };
  return { registry, plugin };
};
