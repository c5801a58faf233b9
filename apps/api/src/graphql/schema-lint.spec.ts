// The committed schema documents itself and follows the naming and Relay conventions, as checked by
// graphql-schema-linter with the repository's configuration (.graphql-schema-linterrc.yml). The
// linter runs as its command line does, from the repository root, where it finds that file.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const cli = require.resolve('graphql-schema-linter/lib/cli.js');

interface LintError {
  message: string;
  rule: string;
  location: { line: number; column: number };
}

/** Lints `schema` (SDL) or, without it, the committed schema.graphql, with the committed configuration. */
const lint = (schema?: string): { status: number | null; errors: LintError[] } => {
  const run = spawnSync(process.execPath, [cli, '--format', 'json', ...(schema === undefined ? [] : ['--stdin'])], {
    cwd: root,
    input: schema,
    encoding: 'utf8',
  });
  const { errors } = JSON.parse(run.stdout) as { errors: LintError[] };
  return { status: run.status, errors };
};

describe('schema.graphql', () => {
  it('passes graphql-schema-linter: descriptions everywhere, naming, sorting and Relay connections', () => {
    const { status, errors } = lint();
    expect(errors.map((e) => `${e.location.line}:${e.location.column} ${e.message} (${e.rule})`)).toEqual([]);
    expect(status).toBe(0);
  });

  it('is linted with rules that refuse an undescribed field and a lower-case enum value', () => {
    const sdl = [
      '"""Root."""',
      'type Query {',
      '  """Described."""',
      '  a: String',
      '  b: Kind',
      '}',
      '"""A kind."""',
      'enum Kind {',
      '  """Lower case."""',
      '  lower',
      '}',
    ].join('\n');
    const { status, errors } = lint(sdl);
    expect(status).toBe(1);
    expect(errors.map((e) => e.rule)).toEqual(expect.arrayContaining(['fields-have-descriptions', 'enum-values-all-caps', 'relay-page-info-spec']));
  });
});
