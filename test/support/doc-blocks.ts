// The fenced blocks of a Markdown page, as the docs test runs them (CONTRIBUTING.md, "Docs"):
// ```sh blocks are commands, ```graphql blocks operations (with variables from a ```json variables
// block right after), a block after `<!-- not-run: reason -->` is left alone, any other language
// is shown, not run (output, file contents). A block without a language is refused: a command
// must say what it is.

export interface BlockAt {
  /** The page's path, as given. */
  file: string;
  /** Line of the opening fence (1-based). */
  line: number;
}

export type DocBlock =
  | (BlockAt & { kind: 'sh'; code: string })
  | (BlockAt & { kind: 'graphql'; code: string; variables?: Record<string, unknown> })
  | (BlockAt & { kind: 'not-run'; lang: string; reason: string })
  | (BlockAt & { kind: 'shown'; lang: string });

/** A page the docs test cannot run as written. */
export class DocFormatError extends Error {
  constructor(at: BlockAt, message: string) {
    super(`${at.file}:${at.line}: ${message}`);
    this.name = 'DocFormatError';
  }
}

const SHELLS = new Set(['sh', 'bash', 'shell']);
const FENCE = /^( *)```(?!`)(.*)$/;
const NOT_RUN = /^<!--\s*not-run:(.*?)-->$/;

/** The blocks of `markdown` in page order (a variables block is folded into its operation). */
export const docBlocks = (file: string, markdown: string): DocBlock[] => {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  let notRun: { reason: string; line: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trim();
    const marker = NOT_RUN.exec(text);
    if (marker) {
      const reason = marker[1]!.trim();
      if (!reason) throw new DocFormatError({ file, line: i + 1 }, 'a not-run marker must say why (<!-- not-run: reason -->)');
      notRun = { reason, line: i + 1 };
      continue;
    }
    const fence = FENCE.exec(lines[i]!);
    if (!fence) {
      if (text && notRun) throw new DocFormatError({ file, line: notRun.line }, 'a not-run marker must come right before a fenced block');
      continue;
    }
    const at = { file, line: i + 1 };
    const indent = fence[1]!.length;
    const [lang = '', ...labels] = fence[2]!.trim().split(/\s+/);
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    if (end < 0) throw new DocFormatError(at, 'a fenced block is not closed');
    // a block in a list item is indented like its fence
    const code =
      lines
        .slice(i + 1, end)
        .map((l) => l.replace(new RegExp(`^ {0,${indent}}`), ''))
        .join('\n') + '\n';
    i = end;
    if (!lang) throw new DocFormatError(at, 'a fenced block must name its language (```sh, ```graphql, ```text, ...)');
    if (notRun) {
      blocks.push({ ...at, kind: 'not-run', lang, reason: notRun.reason });
      notRun = null;
      continue;
    }
    if (lang === 'json' && labels.includes('variables')) {
      const operation = blocks.at(-1);
      if (operation?.kind !== 'graphql' || operation.variables)
        throw new DocFormatError(at, 'a ```json variables block must follow the ```graphql block it belongs to');
      let variables: unknown;
      try {
        variables = JSON.parse(code);
      } catch {
        throw new DocFormatError(at, 'the variables are not valid JSON');
      }
      if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) throw new DocFormatError(at, 'the variables must be a JSON object');
      operation.variables = variables as Record<string, unknown>;
    } else if (SHELLS.has(lang)) blocks.push({ ...at, kind: 'sh', code });
    else if (lang === 'graphql') blocks.push({ ...at, kind: 'graphql', code });
    else blocks.push({ ...at, kind: 'shown', lang });
  }
  if (notRun) throw new DocFormatError({ file, line: notRun.line }, 'a not-run marker must come right before a fenced block');
  return blocks;
};
