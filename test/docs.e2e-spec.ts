// Every command and query in docs/ runs, so the guides cannot rot (CONTRIBUTING.md, "Docs"):
// each page's ```sh blocks in order in a fresh terminal (test/support/doc-shell.ts) against the
// built CLI and API; every ```graphql block against the built API with the demo organization
// (`npm start` on an empty store), as an admin of the default tenant, answering without errors;
// every relative link to a file that exists. A block marked not-run is listed as skipped, with its reason.
import { assertNever } from '@rolebook/domain';
import { Kind, OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import WebSocket from 'ws';
import { adminKeyIn, entry, gql, root } from './support/built-app';
import { docBlocks, type DocBlock } from './support/doc-blocks';
import { openDocShell, type DocShell } from './support/doc-shell';

const DOCS = join(root, 'docs');
const pages = readdirSync(DOCS, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.md'))
  .sort()
  .map((path) => join('docs', path));
const blocksOf = (page: string) => docBlocks(page, readFileSync(join(root, page), 'utf8'));

const firstLine = (code: string) => code.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? '';
const titleOf = (block: DocBlock) => {
  const where = `${block.file}:${block.line}`;
  switch (block.kind) {
    case 'sh':
    case 'graphql':
      return `${where} ${block.kind}: ${firstLine(block.code).trim().slice(0, 80)}`;
    case 'not-run':
      return `${where} ${block.lang}, not run: ${block.reason}`;
    case 'shown':
      return `${where} ${block.lang}, shown`;
  }
};

/** The docs' API: `npm start` on an empty store (so it loads the demo organization), and the admin key it prints. */
let api: { shell: DocShell; url: string; wsUrl: string; key: string };
beforeAll(async () => {
  if (!existsSync(entry('api'))) throw new Error('dist is missing: npm test builds it first (npm run build)');
  const shell = await openDocShell();
  const started = await shell.run('npm start');
  if (started.code !== 0) throw new Error(`the docs' API did not start:\n${started.output}`);
  api = { shell, url: `http://127.0.0.1:${shell.port}/graphql`, wsUrl: `ws://127.0.0.1:${shell.port}/graphql`, key: adminKeyIn(started.output) };
}, 90_000);
afterAll(() => api?.shell.close());

const failure = (block: DocBlock & { code: string }, why: string, output: string) =>
  new Error(`${block.file}:${block.line}: the ${block.kind} block ${why}\n--- block ---\n${block.code}--- output ---\n${output}`);

/** Sends an operation as a dashboard would: queries and mutations over HTTP, a subscription over graphql-ws until its first message. */
const execute = async (block: DocBlock & { kind: 'graphql' }) => {
  const operation = parse(block.code).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return gql(api.url, api.key, block.code, block.variables);
  const client = createClient({ url: api.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${api.key}` }, retryAttempts: 0 });
  try {
    const messages = client.iterate({ query: block.code, variables: block.variables });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no message within 5 s (a docs subscription resumes after a position)')), 5000),
    );
    const first = await Promise.race([messages.next(), timeout]);
    await messages.return?.();
    return first.value as { data?: unknown; errors?: unknown[] };
  } finally {
    await client.dispose();
  }
};

describe.each(pages)('%s', (page) => {
  const blocks = blocksOf(page);
  let shell: DocShell | undefined;
  beforeAll(async () => {
    if (blocks.some((b) => b.kind === 'sh')) shell = await openDocShell();
  });
  afterAll(() => shell?.close());

  for (const block of blocks) {
    switch (block.kind) {
      case 'sh':
        it(
          titleOf(block),
          async () => {
            const { code, output } = await shell!.run(block.code);
            if (code !== 0) throw failure(block, `exited with ${code}`, output);
            // curl shows GraphQL errors in a 200 answer: they fail the block too
            if (/"errors"\s*:\s*\[/.test(output)) throw failure(block, 'printed GraphQL errors', output);
          },
          90_000,
        );
        break;
      case 'graphql':
        it(
          titleOf(block),
          async () => {
            const answer = await execute(block);
            if (answer.errors || !answer.data) throw failure(block, 'answered with errors', JSON.stringify(answer, null, 2) + '\n');
          },
          20_000,
        );
        break;
      case 'not-run':
        it.skip(titleOf(block), () => undefined);
        break;
      case 'shown':
        break;
      default:
        assertNever(block);
    }
  }

  it(`${page}: every relative link names a file or folder that exists`, () => {
    const markdown = readFileSync(join(root, page), 'utf8');
    const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z][a-z0-9+.-]*:|^#/.test(t));
    const missing = targets.filter((t) => !existsSync(join(root, dirname(page), t.split('#')[0]!)));
    expect(missing).toEqual([]);
  });
});

it('the README points to the docs', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const page of ['docs/README.md', 'docs/getting-started.md', 'docs/graphql-examples.md', 'docs/deployment.md'])
    expect({ page, linked: readme.includes(`](${page}`) }).toEqual({ page, linked: true });
});
