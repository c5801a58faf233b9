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

interface DocsApi {
  url: string;
  wsUrl: string;
  port: number;
  key: string;
}
/**
 * The docs' API: `npm start` on an empty store (so it loads the demo organization), and the admin
 * key it prints. It starts while the pages before the first ```graphql block run.
 */
let apiShell: DocShell | undefined;
let docsApi: Promise<DocsApi>;
beforeAll(() => {
  if (!existsSync(entry('api'))) throw new Error('dist is missing: npm test builds it first (npm run build)');
  docsApi = (async () => {
    const shell = (apiShell = await openDocShell());
    const started = await shell.run('npm start');
    if (started.code !== 0) throw new Error(`the docs' API did not start:\n${started.output}`);
    const { port } = shell;
    return { url: `http://127.0.0.1:${port}/graphql`, wsUrl: `ws://127.0.0.1:${port}/graphql`, port, key: adminKeyIn(started.output) };
  })();
  // awaited by the first block that needs it; a failed start fails those blocks, saying why
  docsApi.catch(() => undefined);
});
// stops the API even when it never became ready
afterAll(async () => {
  await docsApi?.catch(() => undefined);
  await apiShell?.close();
}, 30_000);

const failure = (block: DocBlock & { code: string }, why: string, output: string) =>
  new Error(`${block.file}:${block.line}: the ${block.kind} block ${why}\n--- block ---\n${block.code}--- output ---\n${output}`);

/** Sends an operation as a dashboard would: queries and mutations over HTTP, a subscription over graphql-ws until its first message. */
const execute = async (block: DocBlock & { kind: 'graphql' }): Promise<{ data?: unknown; errors?: unknown }> => {
  const api = await docsApi;
  const operation = parse(block.code).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return gql(api.url, api.key, block.code, block.variables);
  const client = createClient({ url: api.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${api.key}` }, retryAttempts: 0 });
  let timer: NodeJS.Timeout | undefined;
  try {
    const messages = client.iterate({ query: block.code, variables: block.variables });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no message within 5 s (a docs subscription resumes after a position)')), 5000);
    });
    const first = await Promise.race([messages.next(), timeout]);
    await messages.return?.();
    return first.value as { data?: unknown; errors?: unknown };
  } catch (error) {
    // graphql-ws rejects with the errors of an `error` message, or with a close event
    return { errors: error instanceof Error ? error.message : error };
  } finally {
    clearTimeout(timer);
    await client.dispose();
  }
};

/** Runs a ```sh block in the page's shell: it must exit 0 and print no GraphQL errors (curl shows them in a 200 answer). */
const runSh = async (shell: DocShell, block: DocBlock & { kind: 'sh' }) => {
  const { code, output } = await shell.run(block.code);
  if (code !== 0) throw failure(block, `exited with ${code}`, output);
  if (/"errors"\s*:\s*\[/.test(output)) throw failure(block, 'printed GraphQL errors', output);
};

/** Sends a ```graphql block to the docs' API: it must answer data, without errors. */
const runGraphql = async (block: DocBlock & { kind: 'graphql' }) => {
  const answer = await execute(block);
  if (answer.errors || !answer.data) throw failure(block, 'answered with errors', JSON.stringify(answer, null, 2) + '\n');
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
        it(titleOf(block), () => runSh(shell!, block), 120_000);
        break;
      case 'graphql':
        it(titleOf(block), () => runGraphql(block), 120_000);
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

// The runner itself: a page that breaks fails, naming the page, the line and why.
describe('a broken page', () => {
  const broken = (markdown: string) => docBlocks('docs/broken.md', markdown);
  let shell: DocShell;
  beforeAll(async () => (shell = await openDocShell()));
  afterAll(() => shell.close());

  it('fails on a command that fails, one the test does not run, or one that prints GraphQL errors', async () => {
    const [tenant, misspelt, unknownNpm, noApi, carried] = broken(
      [
        '```sh',
        'export ROLEBOOK_TENANT=acme',
        '```',
        '```sh',
        'npx rolebook tenant create "$ROLEBOOK_TENANT"',
        '```',
        '```sh',
        'npm run bench',
        '```',
        '```sh',
        'curl -s localhost:3000/graphql -H \'content-type: application/json\' -d \'{"query": "{ roles { totalCount } }"}\'',
        '```',
        '```sh',
        'test "$ROLEBOOK_TENANT" = acme',
        '```',
      ].join('\n'),
    ) as (DocBlock & { kind: 'sh' })[];
    await runSh(shell, tenant!);
    await expect(runSh(shell, misspelt!)).rejects.toThrow(/^docs\/broken.md:4: the sh block exited with 2\n[\s\S]*unknown command 'tenant'/);
    await expect(runSh(shell, unknownNpm!)).rejects.toThrow(/^docs\/broken.md:7: the sh block exited with 127\n[\s\S]*'npm run bench' is not run here/);
    // localhost:3000 is this shell's port, where nothing listens (no npm start): curl fails
    await expect(runSh(shell, noApi!)).rejects.toThrow(/^docs\/broken.md:10: the sh block exited with 7/);
    // the variables of a block that succeeded are there in the next ones, failed blocks between them or not
    await runSh(shell, carried!);
    // an API answering errors with a 200 or a 401, which curl without -f does not fail on
    const unauthenticated = { ...noApi!, code: noApi!.code.replace('localhost:3000', `127.0.0.1:${(await docsApi).port}`) };
    await expect(runSh(shell, unauthenticated)).rejects.toThrow(/^docs\/broken.md:10: the sh block printed GraphQL errors\n[\s\S]*UNAUTHENTICATED/);
  }, 120_000);

  it('fails on an operation that answers errors, over HTTP and over graphql-ws', async () => {
    const [query, subscription] = broken(
      ['```graphql', '{ people { edges { node { fullName } } } }', '```', '```graphql', 'subscription { orgChanged(after: "0") { nope } }', '```'].join('\n'),
    ) as (DocBlock & { kind: 'graphql' })[];
    await expect(runGraphql(query!)).rejects.toThrow(
      /^docs\/broken.md:1: the graphql block answered with errors\n[\s\S]*Cannot query field \\"fullName\\" on type \\"Person\\"/,
    );
    await expect(runGraphql(subscription!)).rejects.toThrow(/^docs\/broken.md:4: the graphql block answered with errors\n[\s\S]*nope/);
  }, 30_000);
});
