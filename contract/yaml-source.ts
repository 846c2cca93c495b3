/**
 * One YAML (or JSON) file, read for the source map: as plain data, and as `yaml`'s tree with line
 * numbers only when a position is asked for.
 *
 * Building `yaml`'s positioned tree is most of what reading a document costs (~5× js-yaml's plain
 * load, measured in docs/performance.md), and a document without findings needs no position at all.
 * So the data comes from js-yaml (its YAML 1.2 core schema, as `yaml`'s default); a file js-yaml
 * refuses is read by `yaml`, whose first error is reported as before (`yaml-syntax`), or whose data is
 * used when it reads the file without error. Known differences of the two on valid YAML: js-yaml
 * reads `0b101` as a number, `yaml` as a string. `yaml` refuses two inputs js-yaml takes, so they are
 * no longer syntax errors: an implicit key over 1024 characters, and a comment glued to a quoted
 * value (`a: "b"#c`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CORE_SCHEMA, load } from 'js-yaml';
import type { LineCounter, Node, YAMLError } from 'yaml';

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;
/** `yaml` loads on first use: a clean lint of a clean document never needs it. */
export function yaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return yamlModule;
}

export interface YamlTree {
  root: Node | null;
  lines: LineCounter;
  errors: YAMLError[];
}

export class YamlSource {
  /** The file as plain data (what `JSON.parse` would give for JSON); partial or undefined with a `syntaxError`. */
  readonly data: unknown;
  /** The first YAML error, when the file is not valid YAML. */
  readonly syntaxError: { line: number; column: number; message: string } | undefined;
  private readonly text: string;
  private parsed: { tree: YamlTree; toJS: () => unknown } | undefined;

  /** Throws when the file cannot be read. */
  constructor(file: string) {
    this.text = readFileSync(file, 'utf8');
    try {
      this.data = load(this.text, { schema: CORE_SCHEMA, filename: file });
    } catch (refused) {
      const { tree, toJS } = this.parse();
      const error = tree.errors[0];
      if (error) {
        const pos = tree.lines.linePos(error.pos[0]);
        this.syntaxError = { line: pos.line, column: pos.col, message: firstLine(error.message) };
      }
      try {
        this.data = toJS();
      } catch {
        // yaml found no error yet cannot give data (an alias to no anchor): js-yaml's reason, then
        const mark = (refused as { mark?: { line: number; column: number }; reason?: string }).mark;
        this.syntaxError ??= { line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1, message: (refused as { reason?: string }).reason ?? firstLine((refused as Error).message) };
        this.data = undefined;
      }
    }
  }

  /** `yaml`'s tree with positions, parsed on first use. */
  tree(): YamlTree {
    return this.parse().tree;
  }

  private parse(): { tree: YamlTree; toJS: () => unknown } {
    if (!this.parsed) {
      const { LineCounter, parseDocument } = yaml();
      const lines = new LineCounter();
      const doc = parseDocument(this.text, { lineCounter: lines, keepSourceTokens: false });
      this.parsed = { tree: { root: doc.contents as Node | null, lines, errors: doc.errors }, toJS: () => doc.toJS({ maxAliasCount: -1 }) };
    }
    return this.parsed;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
