import { DocFormatError, docBlocks } from './doc-blocks';

const page = (...lines: string[]) => lines.join('\n');

describe('docBlocks', () => {
  it('reads commands, operations with their variables, blocks marked not-run and blocks only shown, in page order', () => {
    const blocks = docBlocks(
      'docs/x.md',
      page(
        '# Title',
        '```sh',
        'npx rolebook tenants create acme',
        '```',
        'Then:',
        '```graphql',
        'query Person($id: ID!) { person(id: $id) { name } }',
        '```',
        '```json variables',
        '{ "id": "p-1" }',
        '```',
        '<!-- not-run: needs a Docker engine -->',
        '```bash',
        'docker compose up -d',
        '```',
        '```text',
        'Created tenant acme',
        '```',
        '1. In a list:',
        '   ```shell',
        '   curl -fsS localhost:3000/health/ready',
        '   ```',
      ),
    );
    expect(blocks).toEqual([
      { file: 'docs/x.md', line: 2, kind: 'sh', code: 'npx rolebook tenants create acme\n' },
      { file: 'docs/x.md', line: 6, kind: 'graphql', code: 'query Person($id: ID!) { person(id: $id) { name } }\n', variables: { id: 'p-1' } },
      { file: 'docs/x.md', line: 13, kind: 'not-run', lang: 'bash', reason: 'needs a Docker engine' },
      { file: 'docs/x.md', line: 16, kind: 'shown', lang: 'text' },
      { file: 'docs/x.md', line: 20, kind: 'sh', code: 'curl -fsS localhost:3000/health/ready\n' },
    ]);
  });

  it('does not run what is inside a block (a fence-like line in a shown block is text)', () => {
    const blocks = docBlocks('d.md', page('```markdown', '<!-- not-run: x -->', '```sh', 'rm -rf /', '```'));
    // the inner ```sh line is taken as the shown block's content, and the next ``` closes it
    expect(blocks).toEqual([{ file: 'd.md', line: 1, kind: 'shown', lang: 'markdown' }]);
  });

  it.each([
    [page('```', 'npx rolebook tenants list', '```'), 'd.md:1: a fenced block must name its language'],
    [page('```sh', 'npx rolebook tenants list'), 'd.md:1: a fenced block is not closed'],
    [page('<!-- not-run: -->', '```sh', 'x', '```'), 'd.md:1: a not-run marker must say why'],
    [page('<!-- not-run: later -->', 'prose', '```sh', 'x', '```'), 'd.md:1: a not-run marker must come right before a fenced block'],
    [page('text', '<!-- not-run: nothing follows -->'), 'd.md:2: a not-run marker must come right before a fenced block'],
    [page('```sh', 'x', '```', '```json variables', '{}', '```'), 'd.md:4: a ```json variables block must follow the ```graphql block'],
    [
      page('```graphql', '{ a }', '```', '```json variables', '{"a": 1}', '```', '```json variables', '{}', '```'),
      'd.md:7: a ```json variables block must follow',
    ],
    [page('```graphql', '{ a }', '```', '```json variables', '{"a": ', '```'), 'd.md:4: the variables are not valid JSON'],
    [page('```graphql', '{ a }', '```', '```json variables', '[1]', '```'), 'd.md:4: the variables must be a JSON object'],
  ])('refuses a page it cannot run as written: %j', (markdown, message) => {
    expect(() => docBlocks('d.md', markdown)).toThrow(DocFormatError);
    expect(() => docBlocks('d.md', markdown)).toThrow(message);
  });

  it('takes inline code that starts a line for prose, not for a fence', () => {
    expect(docBlocks('d.md', page('```` ```sh ```` blocks run in order', '`x` too'))).toEqual([]);
  });

  it('takes a json block without the variables label as shown, not as variables', () => {
    expect(docBlocks('d.md', page('```graphql', '{ a }', '```', '```json', '{"data": {}}', '```')).map((b) => b.kind)).toEqual(['graphql', 'shown']);
  });
});
