// How the benchmark reports: one line per figure, with its target and the yardstick measured in
// the same run, and a Markdown table of the same lines for bench/RESULTS.md.
import { performance } from 'node:perf_hooks';

export interface Figure {
  figure: string;
  value: string;
  target: string;
  yardstick: string;
  ratio: string;
  /** Whether the target is met; null when the figure has no target. */
  met: boolean | null;
}

export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Times `fn` `times` times; answers the samples in ms, sorted. */
export const sample = async (times: number, fn: () => unknown): Promise<number[]> => {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b);
};

export const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(0));
export const rate = (n: number) => Math.round(n).toLocaleString('en-US');

export class Report {
  readonly figures: Figure[] = [];

  add(figure: Omit<Figure, 'ratio' | 'yardstick' | 'met'> & { yardstick?: string; ratio?: number | null; met?: boolean | null }): void {
    const line: Figure = {
      figure: figure.figure,
      value: figure.value,
      target: figure.target,
      yardstick: figure.yardstick ?? '–',
      ratio: figure.ratio == null ? '–' : `${figure.ratio.toFixed(2)}×`,
      met: figure.met ?? null,
    };
    this.figures.push(line);
    const verdict = line.met === null ? '' : line.met ? '  [met]' : '  [MISSED]';
    console.log(`${line.figure}: ${line.value} | target ${line.target} | yardstick ${line.yardstick} | ratio ${line.ratio}${verdict}`);
  }

  /** A p50/p99 latency figure against a p99 target in ms. */
  latency(figure: string, samples: readonly number[], p99Target: number): void {
    const p99 = percentile(samples, 99);
    this.add({
      figure,
      value: `p50 ${ms(percentile(samples, 50))} ms, p99 ${ms(p99)} ms (n=${samples.length})`,
      target: `p99 ≤ ${p99Target} ms`,
      met: p99 <= p99Target,
    });
  }

  /** A p50/p99 latency figure the issue sets no target for. */
  timing(figure: string, samples: readonly number[]): void {
    this.add({ figure, value: `p50 ${ms(percentile(samples, 50))} ms, p99 ${ms(percentile(samples, 99))} ms (n=${samples.length})`, target: '–' });
  }

  markdown(): string {
    const rows = this.figures.map(
      (f) => `| ${f.figure} | ${f.value} | ${f.target} | ${f.yardstick} | ${f.ratio} | ${f.met === null ? '–' : f.met ? 'met' : '**missed**'} |`,
    );
    return ['| figure | Rolebook | target | yardstick (same run) | ratio | |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
  }
}
