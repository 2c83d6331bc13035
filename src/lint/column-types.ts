import type { Statement } from '../migrations/parse.js';
import type { AstNode } from '../migrations/ast-node.js';
import { alterCmds, columnDefs, relKey, relName, type RelName } from './ast.js';

/**
 * What the folder's migrations have declared each column's type to be, statement after statement. The linter
 * records each file after linting it, so while a file is linted this holds what came before it; a lookup inside
 * the file adds that file's earlier statements on top (see before()).
 */
export class ColumnTypes {
  private readonly types = new Map<string, AstNode>();

  private static key(rel: RelName, column: string): string {
    return `${relKey(rel)}|${column.toLowerCase()}`;
  }

  get(rel: RelName, column: string): AstNode | undefined {
    return this.types.get(ColumnTypes.key(rel, column));
  }

  record(statements: Statement[]): this {
    for (const s of statements) {
      const rel = relName(s.node.relation);
      if (!rel) continue;
      for (const col of columnDefs(s)) this.types.set(ColumnTypes.key(rel, col.colname), col.typeName);
      for (const cmd of alterCmds(s)) {
        const col = cmd.def?.ColumnDef;
        if (cmd.subtype === 'AT_AddColumn' && col) this.types.set(ColumnTypes.key(rel, col.colname), col.typeName);
        if (cmd.subtype === 'AT_AlterColumnType' && col) this.types.set(ColumnTypes.key(rel, cmd.name), col.typeName);
      }
      if (s.kind === 'RenameStmt' && s.node.renameType === 'OBJECT_COLUMN') {
        const type = this.get(rel, s.node.subname);
        if (type) this.types.set(ColumnTypes.key(rel, s.node.newname), type);
      }
    }
    return this;
  }
}

/** The type a column has just before statement `index` of a file, given the types recorded before the file. */
export function typeBefore(folder: ColumnTypes, statements: Statement[], rel: RelName, column: string, index: number): AstNode | undefined {
  return new ColumnTypes().record(statements.slice(0, index)).get(rel, column) ?? folder.get(rel, column);
}
