import { type Document, LineCounter, isNode, parseDocument } from 'yaml';
import { zodFieldErrors } from '../../zodErrors';
import { type PreviewBlueprintIssue, blueprintIssue } from './issues';
import {
  type PreviewBlueprint,
  previewBlueprintSchema,
} from './previewBlueprintSchema';

/** A blueprint is a few lines; anything much larger is a mistake or abuse. */
export const MAX_PREVIEW_BLUEPRINT_BYTES = 64 * 1024;

const YAML_FIX =
  'fix the YAML syntax: indent with spaces, close quotes and brackets, and quote values that contain ": " or start with "{", "[", "*" or "&"';

/** `spec.add[0]["x.y"]` → `['spec', 'add', 0, 'x.y']` */
function segmentsOf(field: string): Array<string | number> {
  const segments = field.matchAll(
    /\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]|([^.[\]]+)/g,
  );
  return [...segments].map(([, quoted, index, key]) => {
    if (quoted !== undefined) return JSON.parse(`"${quoted}"`);
    if (index !== undefined) return Number(index);
    return key;
  });
}

/** The line of a field, or of its closest parent written in the file. */
function lineOf(
  doc: Document,
  lines: LineCounter,
  field: string,
): number | undefined {
  const path = segmentsOf(field);
  for (let length = path.length; length >= 0; length--) {
    const node =
      length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      return lines.linePos(node.range[0]).line;
    }
  }
  return undefined;
}

/** The parser's message without its position and excerpt. */
function yamlMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Reads a preview blueprint (`.greenroom/preview.yaml`): the blueprint with
 * its defaults, or every problem, each naming its field (or `(yaml)` for the
 * syntax), saying how to fix it and, when known, on which line. Pure: the
 * text comes from a repository and is never trusted, so values are not
 * echoed in messages.
 *
 * @public
 */
export function parsePreviewBlueprint(
  text: string,
): { blueprint: PreviewBlueprint } | { errors: PreviewBlueprintIssue[] } {
  if (text.length > MAX_PREVIEW_BLUEPRINT_BYTES) {
    return {
      errors: [
        blueprintIssue(
          '(root)',
          `is larger than ${MAX_PREVIEW_BLUEPRINT_BYTES / 1024} KiB`,
          'keep the blueprint to the fields of a PreviewBlueprint',
        ),
      ],
    };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map(error => ({
        ...blueprintIssue(
          '(yaml)',
          `is not valid YAML: ${yamlMessage(error.message)}`,
          YAML_FIX,
        ),
        line: error.linePos?.[0].line,
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return {
      errors: [
        blueprintIssue(
          '(yaml)',
          `is not valid YAML: ${yamlMessage((error as Error).message)}`,
          YAML_FIX,
        ),
      ],
    };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      errors: [
        {
          ...blueprintIssue(
            '(root)',
            data === null || data === undefined
              ? 'is empty'
              : 'must be a mapping with apiVersion, kind and spec',
          ),
          line: 1,
        },
      ],
    };
  }
  const result = previewBlueprintSchema.safeParse(data);
  if (result.success) {
    return { blueprint: result.data };
  }
  return {
    errors: zodFieldErrors(result.error).map(({ field, message }) => ({
      ...blueprintIssue(field, message),
      line: lineOf(doc, lines, field),
    })),
  };
}
