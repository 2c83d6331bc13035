export const id = 230;
export const ids = [230];
export const modules = {

/***/ 6704:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  XW: () => (/* binding */ OWN_WRITES_SQL),
  Uw: () => (/* binding */ checksumsOf),
  r0: () => (/* binding */ ensureHistoryTable),
  gd: () => (/* binding */ forgetRow),
  Bb: () => (/* binding */ locateHistoryTable),
  UI: () => (/* binding */ markFinished),
  Fm: () => (/* binding */ markStarted),
  Lu: () => (/* binding */ readHistory),
  RC: () => (/* binding */ recordApplied),
  jH: () => (/* binding */ recordInTransaction),
  SA: () => (/* binding */ setChecksum)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
// EXTERNAL MODULE: ./src/migrations/names.ts
var names = __webpack_require__(1557);
// EXTERNAL MODULE: ./src/migrations/version.ts
var version = __webpack_require__(233);
// EXTERNAL MODULE: ./src/db/session/identifiers.ts
var identifiers = __webpack_require__(801);
// EXTERNAL MODULE: ./src/migrations/read-file.ts + 1 modules
var read_file = __webpack_require__(2585);
;// CONCATENATED MODULE: ./src/db/history/layouts/layout.ts




/** The migration's run time so far, in milliseconds, as the server sees it from the start of its transaction. */
const ELAPSED_MS = '(extract(epoch FROM clock_timestamp() - transaction_timestamp()) * 1000)::int';
/**
 * Names a tool's recorded versions by the migrations on disk: `versionOf` is how the tool derives its version from
 * a file. A version no file has keeps its own text (the plan reports it missing). Two files the tool cannot tell
 * apart are refused: the tool itself would record one and skip the other.
 */
function namer(tool, migrations, versionOf) {
    const byVersion = new Map();
    for (const m of migrations) {
        const v = versionOf(m);
        const seen = byVersion.get(v);
        if (seen)
            throw new errors/* StateError */.qq([
                `${seen.up.file} and ${m.up.file} both have ${tool} version ${v}, so ${tool}'s history cannot tell them apart; give one of them another version`,
            ]);
        byVersion.set(v, m);
    }
    return (text) => {
        const m = byVersion.get(text);
        return m
            ? { name: m.name, version: m.version }
            : { name: text, version: (0,names/* versionFromName */.sv)(text) ?? (0,version/* parseVersionText */.bw)(text) };
    };
}
/** A file's base name: the tools that key on file names ignore the folders above it. */
const baseName = (file) => file.slice(file.lastIndexOf('/') + 1);
/** The leading digits of a file or folder name: the version of dbmate, golang-migrate, goose and sqlx. */
function leadingDigits(m) {
    return /^\d+/.exec(m.name)?.[0] ?? m.version.text;
}
/** The leading digits as a number, for tools that store an integer version (001 is 1). */
const integerVersion = (m) => BigInt(leadingDigits(m)).toString();
/** For tools whose table has no place for a dirty mark: nothing to mark, so nothing to clear. */
const WITHOUT_MARKS = {
    marksDirty: false,
    markStarted: async () => undefined,
    finish: async () => {
        throw new Error('this history table keeps no dirty mark to clear');
    },
};
/** A file's text with its line endings as another checkout would have them: as written, LF, CRLF. */
/**
 * The file as written, which the tool hashes. A large file is read in pieces (its COPY rows stay on disk), so it
 * has none in memory: refused, saying so.
 */
function sourceOf(m, tool) {
    if (m.source !== undefined)
        return m.source;
    throw new errors/* StateError */.qq([
        `${m.up.file}: ${tool} hashes the whole file, and pg-migration-gate reads a file over ${read_file/* LARGE_FILE */.f / 1024 / 1024} MiB in pieces, leaving its COPY rows on disk; move the rows into migrations under that size, or use pg-migration-gate's own history table`,
    ]);
}
function lineEndingForms(text) {
    const lf = text.replace(/\r\n?/g, '\n');
    return [...new Set([text, lf, lf.replace(/\n/g, '\r\n')])];
}

;// CONCATENATED MODULE: ./src/db/history/layouts/own.ts




/**
 * This tool's own table, which is also the three-column table teams already keep by hand (`id`, `migration_name`,
 * `applied_at`): such a table is adopted in place, its rows kept and the columns below added.
 */
/** Columns added to the three-column table. */
const ADDED_COLUMNS = {
    version: 'text',
    checksum: 'text',
    execution_ms: 'integer',
    applied_by: 'text',
    dirty: 'boolean NOT NULL DEFAULT false',
};
const INSERT_COLUMNS = '(migration_name, version, checksum, execution_ms, applied_by, dirty)';
/** Creates the table, or adds the missing columns to the three-column one. Runs inside the caller's transaction. */
async function createOrAdopt(c, q, cols) {
    if (!cols) {
        await c.query(`CREATE TABLE ${q} (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      migration_name text NOT NULL UNIQUE,
      applied_at timestamptz NOT NULL DEFAULT now(),
      version text,
      checksum text,
      execution_ms integer,
      applied_by text,
      dirty boolean NOT NULL DEFAULT false
    )`);
        return 'created';
    }
    const missing = Object.keys(ADDED_COLUMNS).filter((col) => !cols.has(col));
    if (!missing.length)
        return 'ready';
    await c.query(`ALTER TABLE ${q} ${missing.map((col) => `ADD COLUMN ${(0,identifiers/* quoteIdent */.v4)(col)} ${ADDED_COLUMNS[col]}`).join(', ')}`);
    const rows = await c.query(`SELECT id, migration_name FROM ${q} WHERE version IS NULL`);
    for (const row of rows.rows) {
        const v = (0,names/* versionFromName */.sv)(row.migration_name);
        if (v)
            await c.query(`UPDATE ${q} SET version = $1 WHERE id = $2`, [v.text, row.id]);
    }
    return 'adopted';
}
/** Reads the rows, whichever of the added columns the table has so far (plan reads before any adoption). */
async function readOwnRows(c, q, cols) {
    const col = (name, fallback = 'NULL') => (cols.has(name) ? (0,identifiers/* quoteIdent */.v4)(name) : fallback);
    const r = await c.query(`SELECT ${col('id')} AS id, migration_name AS name, ${col('version')} AS version, ${col('checksum')} AS checksum,
            ${col('applied_at')}::timestamptz AS applied_at, ${col('execution_ms')} AS execution_ms, ${col('applied_by')} AS applied_by,
            ${col('dirty', 'false')} AS dirty
       FROM ${q} ORDER BY ${col('id', 'migration_name')}`);
    return r.rows.map((row) => ({
        id: Number(row.id),
        name: row.name,
        version: (row.version && (0,version/* parseVersionText */.bw)(row.version)) || (0,names/* versionFromName */.sv)(row.name),
        checksum: row.checksum ?? undefined,
        appliedAt: row.applied_at ?? undefined,
        executionMs: row.execution_ms ?? undefined,
        appliedBy: row.applied_by ?? undefined,
        dirty: row.dirty === true,
    }));
}
/** A table of this layout has `migration_name`; the other columns may still be missing (read before adoption). */
const ownLayout = {
    id: 'pg-migration-gate',
    columns: ['id', 'migration_name', 'applied_at', ...Object.keys(ADDED_COLUMNS)],
    marksDirty: true,
    checksumsOf: (m) => [m.checksum],
    read: (c, q) => readOwnRows(c, q, new Set(ownLayout.columns)),
    recordSql(q, m, appliedBy, lit) {
        return [
            `INSERT INTO ${q} ${INSERT_COLUMNS} VALUES (${lit(m.name)}, ${lit(m.version.text)}, ${lit(m.checksum)}, ${ELAPSED_MS}, ${lit(appliedBy)}, false)`,
        ];
    },
    async markStarted(c, q, m, appliedBy) {
        const r = await c.query(`INSERT INTO ${q} ${INSERT_COLUMNS} VALUES ($1, $2, $3, NULL, $4, true) RETURNING id`, [
            m.name,
            m.version.text,
            m.checksum,
            appliedBy,
        ]);
        return Number(r.rows[0].id);
    },
    async finish(c, q, mark, executionMs) {
        await c.query(`UPDATE ${q} SET dirty = false, execution_ms = $1, applied_at = now() WHERE id = $2`, [
            executionMs,
            mark,
        ]);
    },
    async recordApplied(c, q, m, appliedBy, executionMs) {
        await c.query(`INSERT INTO ${q} ${INSERT_COLUMNS} VALUES ($1, $2, $3, $4, $5, false)`, [
            m.name,
            m.version.text,
            m.checksum,
            executionMs,
            appliedBy,
        ]);
    },
    async forget(c, q, row) {
        await c.query(`DELETE FROM ${q} WHERE id = $1`, [row.id]);
    },
    async setChecksum(c, q, row, m) {
        await c.query(`UPDATE ${q} SET checksum = $1 WHERE id = $2`, [m.checksum, row.id]);
    },
};

;// CONCATENATED MODULE: ./src/db/history/layouts/dbmate.ts

/**
 * dbmate's `schema_migrations`: one row per applied migration, keyed by the leading digits of its file name as
 * written (`001`, `20240119`), inserted in the migration's transaction; `dbmate rollback` deletes it. dbmate keeps
 * no checksum and no dirty mark: a migration outside a transaction is recorded once it has finished.
 */
const dbmate = {
    id: 'dbmate',
    columns: ['version'],
    ...WITHOUT_MARKS,
    async read(c, q, migrations) {
        const name = namer('dbmate', migrations, leadingDigits);
        const r = await c.query(`SELECT version FROM ${q} ORDER BY version`);
        return r.rows.map((row) => ({ id: row.version, ...name(row.version), dirty: false }));
    },
    recordSql: (q, m, _by, lit) => [`INSERT INTO ${q} (version) VALUES (${lit(leadingDigits(m))})`],
    async recordApplied(c, q, m) {
        await c.query(`INSERT INTO ${q} (version) VALUES ($1)`, [leadingDigits(m)]);
    },
    async forget(c, q, row) {
        await c.query(`DELETE FROM ${q} WHERE version = $1`, [row.id]);
    },
};

;// CONCATENATED MODULE: ./src/db/history/layouts/diesel.ts

/**
 * diesel's `__diesel_schema_migrations`: one row per applied migration, keyed by its folder name up to the first
 * `_` with the dashes taken out (`2024-01-19-143000_add_prefs` is `20240119143000`), inserted in the migration's
 * transaction. diesel keeps no checksum and no dirty mark.
 */
const versionOf = (m) => m.name.split('_')[0].replace(/-/g, '');
const diesel = {
    id: 'diesel',
    columns: ['version', 'run_on'],
    ...WITHOUT_MARKS,
    async read(c, q, migrations) {
        const name = namer('diesel', migrations, versionOf);
        const r = await c.query(`SELECT version, run_on::timestamptz AS run_on FROM ${q} ORDER BY version`);
        return r.rows.map((row) => ({
            id: row.version,
            ...name(row.version),
            appliedAt: row.run_on ?? undefined,
            dirty: false,
        }));
    },
    recordSql: (q, m, _by, lit) => [`INSERT INTO ${q} (version) VALUES (${lit(versionOf(m))})`],
    async recordApplied(c, q, m) {
        await c.query(`INSERT INTO ${q} (version) VALUES ($1)`, [versionOf(m)]);
    },
    async forget(c, q, row) {
        await c.query(`DELETE FROM ${q} WHERE version = $1`, [row.id]);
    },
};

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/db/history/layouts/flyway.ts



/**
 * Flyway's `flyway_schema_history`: one row per event, ranked by installed_rank, the latest row of a version
 * deciding its state. A migration's row carries Flyway's checksum (a CRC32 of the file's lines without their line
 * breaks, as a signed integer) and success; a failed migration outside a transaction stays success = false until
 * `flyway repair`. A BASELINE row stands for every version up to its own, unchecked; `flyway repair` marks a
 * missing migration with a DELETE row and Teams' `flyway undo` adds UNDO rows, both taking the version out.
 * Repeatable migrations (no version) are not read: R__ files are refused before anything runs.
 */
const checksumOf = (m) => `crc32:${crc32Of(sourceOf(m, 'Flyway'))}`;
/** Flyway's checksum: lines read as Java's readLine reads them, the BOM dropped, CRC32 of their UTF-8 bytes. */
function crc32Of(sql) {
    return (0,external_node_zlib_.crc32)(Buffer.from(sql.replace(/^\uFEFF/, '').replace(/\r\n|\r|\n/g, ''), 'utf8')) | 0;
}
/** Flyway's AbbreviationUtils: a description over 200 characters keeps 197 and `...`; a script path keeps its end. */
const description = (m) => {
    const d = m.description.replace(/_/g, ' ');
    return d.length <= 200 ? d : `${d.slice(0, 197)}...`;
};
const script = (m) => (m.up.file.length <= 1000 ? m.up.file : `...${m.up.file.slice(-997)}`);
const COLUMNS = '(installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)';
const NEXT_RANK = (q) => `(SELECT coalesce(max(installed_rank), 0) + 1 FROM ${q})`;
const values = (m) => [m.version.text, description(m), script(m), crc32Of(sourceOf(m, 'Flyway'))];
const flyway = {
    id: 'flyway',
    columns: [
        'installed_rank',
        'version',
        'description',
        'type',
        'script',
        'checksum',
        'installed_by',
        'installed_on',
        'execution_time',
        'success',
    ],
    marksDirty: true,
    checksumsOf: (m) => [checksumOf(m)],
    async read(c, q, migrations) {
        const name = namer('Flyway', migrations, (m) => (0,version/* versionId */.Ik)(m.version));
        const r = await c.query(`SELECT installed_rank, version, type, checksum, installed_by, installed_on::timestamptz AS installed_on, execution_time, success
         FROM ${q} WHERE version IS NOT NULL AND type <> 'SCHEMA' ORDER BY installed_rank`);
        const latest = new Map();
        for (const row of r.rows) {
            const v = (0,version/* makeVersion */.tq)(row.version, true);
            const key = (0,version/* versionId */.Ik)(v);
            if (row.type === 'DELETE' || String(row.type).startsWith('UNDO'))
                latest.delete(key);
            else if (row.type === 'BASELINE') {
                for (const m of migrations.filter((m) => (0,version/* compareVersions */.Zy)(m.version, v) <= 0)) {
                    latest.set((0,version/* versionId */.Ik)(m.version), {
                        id: row.installed_rank,
                        name: m.name,
                        version: m.version,
                        checksum: checksumOf(m),
                        appliedAt: row.installed_on,
                        dirty: false,
                    });
                }
            }
            else {
                latest.set(key, {
                    id: row.installed_rank,
                    ...name(key),
                    checksum: row.checksum === null ? undefined : `crc32:${row.checksum}`,
                    appliedAt: row.installed_on ?? undefined,
                    executionMs: row.execution_time ?? undefined,
                    appliedBy: row.installed_by ?? undefined,
                    dirty: row.success !== true,
                });
            }
        }
        return [...latest.values()].sort((a, b) => Number(a.id) - Number(b.id));
    },
    recordSql: (q, m, appliedBy, lit) => {
        const [version, desc, file, sum] = values(m);
        return [
            `INSERT INTO ${q} ${COLUMNS} VALUES (${NEXT_RANK(q)}, ${lit(String(version))}, ${lit(String(desc))}, 'SQL', ${lit(String(file))}, ${sum}, left(${lit(appliedBy)}, 100), ${ELAPSED_MS}, true)`,
        ];
    },
    async markStarted(c, q, m, appliedBy) {
        const r = await c.query(`INSERT INTO ${q} ${COLUMNS} VALUES (${NEXT_RANK(q)}, $1, $2, 'SQL', $3, $4, left($5, 100), 0, false) RETURNING installed_rank`, [...values(m), appliedBy]);
        return Number(r.rows[0].installed_rank);
    },
    async finish(c, q, mark, executionMs) {
        await c.query(`UPDATE ${q} SET success = true, execution_time = $1 WHERE installed_rank = $2`, [executionMs, mark]);
    },
    async recordApplied(c, q, m, appliedBy, executionMs) {
        await c.query(`INSERT INTO ${q} ${COLUMNS} VALUES (${NEXT_RANK(q)}, $1, $2, 'SQL', $3, $4, left($5, 100), $6, true)`, [...values(m), appliedBy, executionMs]);
    },
    /** As `flyway repair` does with a failed row. */
    async forget(c, q, row) {
        await c.query(`DELETE FROM ${q} WHERE installed_rank = $1`, [row.id]);
    },
    /** As `flyway repair` realigns a checksum. */
    async setChecksum(c, q, row, m) {
        await c.query(`UPDATE ${q} SET checksum = $1 WHERE installed_rank = $2`, [crc32Of(sourceOf(m, 'Flyway')), row.id]);
    },
};

;// CONCATENATED MODULE: ./src/db/history/layouts/golang-migrate.ts


/**
 * golang-migrate's `schema_migrations`: a single row, the version the database is at and whether the migration that
 * set it finished (dirty = false). Every migration up to that version counts as applied. A migration in a
 * transaction replaces the row in it; one outside a transaction sets its version dirty first and clean after, as
 * golang-migrate does; `migrate force` is what resolve-dirty does.
 */
/** Sets the one row, each statement leaving the table consistent on its own. */
async function setVersion(c, q, version, dirty) {
    // One write, of exactly one row, so that the history's row check holds (db/history/table.ts, oneRowEach); read() has
    // refused a table of more rows before anything is written.
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM ${q}`);
    await c.query(rows[0].n === 0 ? `INSERT INTO ${q} (version, dirty) VALUES ($1, $2)` : `UPDATE ${q} SET version = $1, dirty = $2`, [version, dirty]);
}
const golangMigrate = {
    id: 'golang-migrate',
    columns: ['version', 'dirty'],
    marksDirty: true,
    async read(c, q, migrations) {
        const r = await c.query(`SELECT version::text AS version, dirty FROM ${q}`);
        if (r.rows.length > 1) {
            throw new errors/* StateError */.qq([
                `history table ${q} is golang-migrate's, which keeps one row, but it has ${r.rows.length}; keep the row of the version the database is at and delete the others`,
            ]);
        }
        if (!r.rows.length)
            return [];
        const current = BigInt(r.rows[0].version);
        const name = namer('golang-migrate', migrations, integerVersion);
        const below = migrations
            .filter((m) => BigInt(integerVersion(m)) < current)
            .map((m) => ({ id: integerVersion(m), name: m.name, version: m.version, dirty: false }));
        return [...below, { id: current.toString(), ...name(current.toString()), dirty: r.rows[0].dirty === true }];
    },
    recordSql: (q, m, _by, lit) => [
        `DELETE FROM ${q}`,
        `INSERT INTO ${q} (version, dirty) VALUES (${lit(integerVersion(m))}, false)`,
    ],
    async markStarted(c, q, m) {
        await setVersion(c, q, integerVersion(m), true);
        return integerVersion(m);
    },
    async finish(c, q, mark) {
        await c.query(`UPDATE ${q} SET dirty = false WHERE version = $1`, [mark]);
    },
    async recordApplied(c, q, m) {
        await setVersion(c, q, integerVersion(m), false);
    },
    /** Back to the newest version below the undone one, or to none. */
    async forget(c, q, row, rows) {
        const below = rows.filter((r) => r !== row && BigInt(r.id) < BigInt(row.id)).map((r) => BigInt(r.id));
        if (!below.length)
            await c.query(`DELETE FROM ${q}`);
        else
            await setVersion(c, q, below.reduce((a, b) => (a > b ? a : b)).toString(), false);
    },
};

;// CONCATENATED MODULE: ./src/db/history/layouts/goose.ts

/**
 * goose's `goose_db_version`: a log of rows (version_id, is_applied), the latest row of a version deciding its state;
 * the row with version 0 is goose's own start marker. goose inserts is_applied = true in the migration's
 * transaction and deletes the row on down. It keeps no checksum and no dirty mark: a NO TRANSACTION migration is
 * recorded once it has finished.
 */
const goose = {
    id: 'goose',
    columns: ['id', 'version_id', 'is_applied', 'tstamp'],
    ...WITHOUT_MARKS,
    async read(c, q, migrations) {
        const name = namer('goose', migrations, integerVersion);
        const r = await c.query(`SELECT DISTINCT ON (version_id) id, version_id::text AS version, is_applied, tstamp::timestamptz AS tstamp FROM ${q} WHERE version_id <> 0 ORDER BY version_id, id DESC`);
        return r.rows
            .filter((row) => row.is_applied)
            .sort((a, b) => Number(a.id) - Number(b.id))
            .map((row) => ({ id: Number(row.id), ...name(row.version), appliedAt: row.tstamp ?? undefined, dirty: false }));
    },
    recordSql: (q, m, _by, lit) => [`INSERT INTO ${q} (version_id, is_applied) VALUES (${lit(integerVersion(m))}, true)`],
    async recordApplied(c, q, m) {
        await c.query(`INSERT INTO ${q} (version_id, is_applied) VALUES ($1, true)`, [integerVersion(m)]);
    },
    async forget(c, q, row) {
        await c.query(`DELETE FROM ${q} WHERE id = $1`, [row.id]);
    },
};

;// CONCATENATED MODULE: ./src/db/history/layouts/node-pg-migrate.ts

/**
 * node-pg-migrate's `pgmigrations`: one row per applied migration, named by its file name without the extension,
 * inserted in the migration's transaction; `node-pg-migrate down` deletes it. No checksum, no dirty mark.
 */
const nameOf = (m) => m.name.replace(/\.sql$/, '');
const nodePgMigrate = {
    id: 'node-pg-migrate',
    columns: ['id', 'name', 'run_on'],
    ...WITHOUT_MARKS,
    async read(c, q, migrations) {
        const name = namer('node-pg-migrate', migrations, nameOf);
        const r = await c.query(`SELECT id, name, run_on::timestamptz AS run_on FROM ${q} ORDER BY run_on, id`);
        return r.rows.map((row) => ({
            id: Number(row.id),
            ...name(row.name),
            appliedAt: row.run_on ?? undefined,
            dirty: false,
        }));
    },
    recordSql: (q, m, _by, lit) => [`INSERT INTO ${q} (name, run_on) VALUES (${lit(nameOf(m))}, now())`],
    async recordApplied(c, q, m) {
        await c.query(`INSERT INTO ${q} (name, run_on) VALUES ($1, now())`, [nameOf(m)]);
    },
    async forget(c, q, row) {
        await c.query(`DELETE FROM ${q} WHERE id = $1`, [row.id]);
    },
};

;// CONCATENATED MODULE: ./src/db/history/layouts/postgrator.ts


/**
 * postgrator's `schemaversion`: one row per applied migration, keyed by its integer version, with the name after
 * `.do.` and postgrator's md5 of the file as written, which postgrator checks before it migrates again. The row with
 * version 0 is postgrator's own start marker. No dirty mark.
 */
const md5 = (m) => (0,external_node_crypto_.createHash)('md5').update(sourceOf(m, 'postgrator'), 'utf8').digest('hex');
const postgrator = {
    id: 'postgrator',
    columns: ['version', 'name', 'md5', 'run_at'],
    ...WITHOUT_MARKS,
    /** postgrator's `newline` option hashes the file with its line endings converted: any of those forms is accepted. */
    checksumsOf: (m) => lineEndingForms(sourceOf(m, 'postgrator')).map((text) => `md5:${(0,external_node_crypto_.createHash)('md5').update(text, 'utf8').digest('hex')}`),
    async read(c, q, migrations) {
        const name = namer('postgrator', migrations, integerVersion);
        const r = await c.query(`SELECT version::text AS version, md5, run_at FROM ${q} WHERE version <> 0 ORDER BY version`);
        return r.rows.map((row) => ({
            id: row.version,
            ...name(row.version),
            checksum: row.md5 ? `md5:${row.md5}` : undefined,
            appliedAt: row.run_at ?? undefined,
            dirty: false,
        }));
    },
    recordSql: (q, m, _by, lit) => [
        `INSERT INTO ${q} (version, name, md5, run_at) VALUES (${lit(integerVersion(m))}, ${lit(m.description)}, ${lit(md5(m))}, now())`,
    ],
    async recordApplied(c, q, m) {
        await c.query(`INSERT INTO ${q} (version, name, md5, run_at) VALUES ($1, $2, $3, now())`, [
            integerVersion(m),
            m.description,
            md5(m),
        ]);
    },
    async forget(c, q, row) {
        await c.query(`DELETE FROM ${q} WHERE version = $1`, [row.id]);
    },
    async setChecksum(c, q, row, m) {
        await c.query(`UPDATE ${q} SET md5 = $1 WHERE version = $2`, [md5(m), row.id]);
    },
};

;// CONCATENATED MODULE: ./src/db/history/layouts/prisma.ts


/**
 * Prisma's `_prisma_migrations`: one row per attempt, named by the migration's folder, with the SHA-256 of its
 * migration.sql as written. A row with finished_at set is applied; one without is a failed migration that
 * `prisma migrate deploy` refuses to pass (P3009); rolled_back_at set takes a row out of the count, which is what
 * `prisma migrate resolve --rolled-back` does and what resolve-dirty: …=rerun does here.
 */
const sha256 = (text) => (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex');
const prisma_COLUMNS = '(id, checksum, finished_at, migration_name, started_at, applied_steps_count)';
const prisma = {
    id: 'prisma',
    columns: [
        'id',
        'checksum',
        'finished_at',
        'migration_name',
        'logs',
        'rolled_back_at',
        'started_at',
        'applied_steps_count',
    ],
    marksDirty: true,
    /** Prisma accepts a checksum of the file with either line endings (script_matches_checksum). */
    checksumsOf: (m) => lineEndingForms(sourceOf(m, 'Prisma')).map((text) => `sha256:${sha256(text)}`),
    async read(c, q, migrations) {
        const name = namer('Prisma', migrations, (m) => m.name);
        const r = await c.query(`SELECT id, checksum, finished_at, migration_name, started_at FROM ${q} WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`);
        return r.rows.map((row) => ({
            id: row.id,
            ...name(row.migration_name),
            checksum: `sha256:${row.checksum}`,
            appliedAt: row.finished_at ?? row.started_at,
            executionMs: row.finished_at ? row.finished_at.getTime() - row.started_at.getTime() : undefined,
            dirty: row.finished_at === null,
        }));
    },
    recordSql: (q, m, _by, lit) => [
        `INSERT INTO ${q} ${prisma_COLUMNS} VALUES (pg_catalog.gen_random_uuid()::text, ${lit(sha256(sourceOf(m, 'Prisma')))}, clock_timestamp(), ${lit(m.name)}, transaction_timestamp(), 1)`,
    ],
    async markStarted(c, q, m) {
        const r = await c.query(`INSERT INTO ${q} ${prisma_COLUMNS} VALUES (pg_catalog.gen_random_uuid()::text, $1, NULL, $2, now(), 0) RETURNING id`, [sha256(sourceOf(m, 'Prisma')), m.name]);
        return r.rows[0].id;
    },
    async finish(c, q, mark) {
        await c.query(`UPDATE ${q} SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [mark]);
    },
    async recordApplied(c, q, m, _by, executionMs) {
        await c.query(`INSERT INTO ${q} ${prisma_COLUMNS} VALUES (pg_catalog.gen_random_uuid()::text, $1, now(), $2, now() - make_interval(secs => $3::float8 / 1000), 1)`, [sha256(sourceOf(m, 'Prisma')), m.name, executionMs]);
    },
    async forget(c, q, row) {
        await c.query(`UPDATE ${q} SET rolled_back_at = now() WHERE id = $1`, [row.id]);
    },
    async setChecksum(c, q, row, m) {
        await c.query(`UPDATE ${q} SET checksum = $1 WHERE id = $2`, [sha256(sourceOf(m, 'Prisma')), row.id]);
    },
};

;// CONCATENATED MODULE: ./src/db/history/layouts/sqlx.ts


/**
 * sqlx's `_sqlx_migrations`: one row per applied migration, keyed by its integer version, with sqlx's checksum (the
 * SHA-384 of the script as written) and its run time in nanoseconds. success = false marks a migration that did
 * not finish; `sqlx migrate run` refuses to go on until the row is dealt with.
 */
const sha384 = (m) => (0,external_node_crypto_.createHash)('sha384').update(sourceOf(m, 'sqlx'), 'utf8').digest('hex');
/** sqlx's description: the file name after the version, underscores read as spaces. */
const sqlx_description = (m) => m.description.replace(/_/g, ' ');
const ELAPSED_NS = '(extract(epoch FROM clock_timestamp() - transaction_timestamp()) * 1000000000)::bigint';
const sqlx = {
    id: 'sqlx',
    columns: ['version', 'description', 'installed_on', 'success', 'checksum', 'execution_time'],
    marksDirty: true,
    checksumsOf: (m) => [`sha384:${sha384(m)}`],
    async read(c, q, migrations) {
        const name = namer('sqlx', migrations, integerVersion);
        const r = await c.query(`SELECT version::text AS version, installed_on, success, encode(checksum, 'hex') AS checksum, execution_time FROM ${q} ORDER BY version`);
        return r.rows.map((row) => ({
            id: row.version,
            ...name(row.version),
            checksum: row.checksum ? `sha384:${row.checksum}` : undefined,
            appliedAt: row.installed_on ?? undefined,
            executionMs: Number(row.execution_time) >= 0 ? Math.round(Number(row.execution_time) / 1e6) : undefined,
            dirty: row.success !== true,
        }));
    },
    recordSql: (q, m, _by, lit) => [
        `INSERT INTO ${q} (version, description, success, checksum, execution_time) VALUES (${lit(integerVersion(m))}, ${lit(sqlx_description(m))}, true, decode(${lit(sha384(m))}, 'hex'), ${ELAPSED_NS})`,
    ],
    async markStarted(c, q, m) {
        await c.query(`INSERT INTO ${q} (version, description, success, checksum, execution_time) VALUES ($1, $2, false, decode($3, 'hex'), -1)`, [integerVersion(m), sqlx_description(m), sha384(m)]);
        return integerVersion(m);
    },
    async finish(c, q, mark, executionMs) {
        await c.query(`UPDATE ${q} SET success = true, execution_time = $1 WHERE version = $2`, [
            BigInt(executionMs) * 1000000n,
            mark,
        ]);
    },
    async recordApplied(c, q, m, _by, executionMs) {
        await c.query(`INSERT INTO ${q} (version, description, success, checksum, execution_time) VALUES ($1, $2, true, decode($3, 'hex'), $4)`, [integerVersion(m), sqlx_description(m), sha384(m), BigInt(executionMs) * 1000000n]);
    },
    async forget(c, q, row) {
        await c.query(`DELETE FROM ${q} WHERE version = $1`, [row.id]);
    },
    async setChecksum(c, q, row, m) {
        await c.query(`UPDATE ${q} SET checksum = decode($1, 'hex') WHERE version = $2`, [sha384(m), row.id]);
    },
};

;// CONCATENATED MODULE: ./src/db/history/layouts/known-layouts.ts










/** Other tools' tables, each recognised by exactly the columns the tool creates. */
const FOREIGN = [
    dbmate,
    golangMigrate,
    goose,
    flyway,
    sqlx,
    diesel,
    prisma,
    nodePgMigrate,
    postgrator,
];
/**
 * The layout of an existing table, from its columns alone, never from its name: one of the tools' exact column
 * sets, else this tool's own: `migration_name` and only columns of this tool's (the three-column table before its
 * adoption, say). Anything else is unknown (undefined), and left alone.
 */
function detectLayout(columns) {
    const exact = FOREIGN.find((l) => l.columns.length === columns.size && l.columns.every((c) => columns.has(c)));
    if (exact)
        return exact;
    return columns.has('migration_name') && [...columns].every((c) => ownLayout.columns.includes(c))
        ? ownLayout
        : undefined;
}
/** Every known layout and its columns, for the message that refuses an unknown one. */
const KNOWN_LAYOUTS = [ownLayout, ...FOREIGN].map((l) => `${l.id} (${l.columns.join(', ')})`).join('; ');


;// CONCATENATED MODULE: ./src/db/history/table.ts





/**
 * Where the configured table is, or would be created, and its layout: a schema-qualified name is taken as it is;
 * an unqualified one is looked up on the session's search_path, as psql would, and is otherwise created in
 * current_schema(). A table whose columns match no known layout is refused, untouched. The client must be a
 * session of ours, not one a migration ran on.
 */
async function locateHistoryTable(client, configured) {
    let schema = configured.schema;
    if (!schema) {
        const r = await client.query(`SELECT (SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.oid = pg_catalog.to_regclass($1)) AS found, pg_catalog.current_schema() AS current`, [(0,identifiers/* quoteIdent */.v4)(configured.table)]);
        schema = (r.rows[0].found ?? r.rows[0].current);
        if (!schema) {
            throw new errors/* StateError */.qq([
                `history table ${configured.table}: the database user's search_path names no schema that exists, so there is nowhere to create it; schema-qualify history-table (e.g. public.${configured.table}) or fix search_path`,
            ]);
        }
    }
    const place = { schema, table: configured.table };
    const cols = await columnsOf(client, place);
    return { ...place, layout: cols ? layoutOf(place, cols) : ownLayout };
}
async function columnsOf(client, table) {
    const r = await client.query(`SELECT c.oid IS NOT NULL AS exists, coalesce(array_agg(a.attname::text) FILTER (WHERE a.attname IS NOT NULL), '{}') AS cols
       FROM (SELECT pg_catalog.to_regclass($1) AS oid) c
       LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      GROUP BY c.oid`, [(0,identifiers/* quoteTable */.Z8)(table)]);
    return r.rows[0].exists ? new Set(r.rows[0].cols) : undefined;
}
function layoutOf(table, cols) {
    const layout = detectLayout(cols);
    if (layout)
        return layout;
    throw new errors/* StateError */.qq([
        `history table ${(0,identifiers/* tableText */.qK)(table)} exists but its columns (${[...cols].join(', ') || 'none'}) match no history layout this tool knows, so it was left untouched. Known: ${KNOWN_LAYOUTS}; or id, migration_name, applied_at (adopted). Point history-table at your migration tool's table, or at a new one, e.g. ${table.schema ?? 'public'}.gate_migrations`,
    ]);
}
/**
 * Creates the history table (this tool's layout), or adopts the three-column one in place: the columns this tool
 * needs are added, rows are kept, and versions are recovered from `migration_name`. Another tool's table is used
 * as it is. Runs inside the caller's transaction.
 */
async function ensureHistoryTable(client, table) {
    const cols = await columnsOf(client, table);
    if (cols && layoutOf(table, cols) !== ownLayout)
        return 'ready';
    // Only when missing: CREATE SCHEMA IF NOT EXISTS still asks for CREATE on the database.
    if (!cols) {
        const schema = await client.query('SELECT pg_catalog.to_regnamespace($1) IS NOT NULL AS e', [
            (0,identifiers/* quoteIdent */.v4)(table.schema),
        ]);
        if (!schema.rows[0].e)
            await client.query(`CREATE SCHEMA ${(0,identifiers/* quoteIdent */.v4)(table.schema)}`);
    }
    return createOrAdopt(client, (0,identifiers/* quoteTable */.Z8)(table), cols);
}
/**
 * Reads the history, whatever its layout (read-only: plan uses it before any adoption). `migrations`, those on
 * disk, name the rows of tools that record only a version. Returns undefined when the table does not exist.
 */
async function readHistory(client, table, migrations = []) {
    const cols = await columnsOf(client, table);
    if (!cols)
        return undefined;
    const layout = layoutOf(table, cols);
    const q = (0,identifiers/* quoteTable */.Z8)(table);
    return layout === ownLayout ? readOwnRows(client, q, cols) : layout.read(client, q, migrations);
}
/**
 * The statements that record a transactional migration as the last part of its own transaction, so the row
 * commits with it or not at all. They run on the migration's session after its statements: the role, the
 * search_path and our timeouts are put back first (SET LOCAL, for this transaction only), so whatever the
 * migration did to its session, the row is written by the user that connected, into this table, in the session's
 * time zone. Values are escaped by node-postgres.
 */
function recordInTransaction(client, table, migration, appliedBy, timeouts) {
    const lit = (v) => client.escapeLiteral(v);
    return [
        'SET LOCAL SESSION AUTHORIZATION DEFAULT',
        'SET LOCAL search_path = pg_catalog, pg_temp',
        // A time written into a column without a time zone (node-pg-migrate's run_on) is the session's, not the one a
        // SET TIME ZONE of the migration chose: the tool that reads it orders by it.
        'SET LOCAL TimeZone TO DEFAULT',
        ...timeouts,
        ...table.layout
            .recordSql((0,identifiers/* quoteTable */.Z8)(table), migration, appliedBy, lit)
            .map((sql) => (/^INSERT\b/.test(sql) ? checkedInsert(sql, table, migration, lit) : sql)),
    ];
}
const SWALLOWED_HINT = 'A trigger (BEFORE INSERT … RETURN NULL) or a rule (DO INSTEAD) on the history table changes what is written: drop it, or point history-table at a table of its own.';
/**
 * An insert of a history row that fails its migration unless it wrote exactly one row: a trigger returning NULL or
 * a rule on the table would otherwise swallow the row, and the next run would apply the migration again.
 */
function checkedInsert(sql, table, migration, lit) {
    const tag = `pmg_${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    return `DO $${tag}$ DECLARE n bigint; BEGIN
  ${sql};
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n <> 1 THEN RAISE EXCEPTION USING MESSAGE = pg_catalog.format('the history table %s kept %s rows of the one recorded for %s', ${lit((0,identifiers/* tableText */.qK)(table))}, n, ${lit(migration.name)}), HINT = ${lit(SWALLOWED_HINT)}; END IF;
END $${tag}$`;
}
/**
 * Run first and last in a migration's transaction (last after its history row): the rows inserted, updated and
 * deleted per table so far, subtransactions included (savepoints, PL/pgSQL EXCEPTION blocks, rolled back or not),
 * as the cumulative statistics will count them once it commits. The counts include the session's earlier
 * transactions whose counts it has not sent to the statistics yet: the transaction's own are the difference.
 * Temporary tables are left out. Keyed as tableWriteCounts keys them, so that on-failure: restore can tell this
 * run's writes from others'.
 */
const OWN_WRITES_SQL = `SELECT pg_catalog.format('%I.%I', schemaname, relname) AS t, (n_tup_ins + n_tup_upd + n_tup_del)::int8::text AS n
  FROM pg_catalog.pg_stat_xact_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 AND schemaname NOT LIKE 'pg\\_temp%'`;
/** What the plan compares a migration's recorded checksum with: null when the table keeps none. */
function checksumsOf(table) {
    return table.layout.checksumsOf ?? null;
}
/**
 * Before a migration that runs outside a transaction: marks it started (dirty) on our own session, so a crash in
 * between leaves a visible mark. Undefined when the table's layout has no place for one.
 */
function markStarted(client, table, migration, appliedBy) {
    return table.layout.markStarted(oneRowEach(client, table, migration), (0,identifiers/* quoteTable */.Z8)(table), migration, appliedBy);
}
/** Clears a mark: the migration finished (or, resolved by hand, counts as finished). */
function markFinished(client, table, mark, executionMs, migration) {
    return table.layout.finish(oneRowEach(client, table, migration), (0,identifiers/* quoteTable */.Z8)(table), mark, executionMs);
}
/** Records a migration as applied outside its transaction: one without a mark, a READ ONLY one, a baseline. */
function recordApplied(client, table, migration, appliedBy, executionMs = 0) {
    return table.layout.recordApplied(oneRowEach(client, table, migration), (0,identifiers/* quoteTable */.Z8)(table), migration, appliedBy, executionMs);
}
/**
 * The client as a history write outside a migration's transaction sees it: each INSERT or UPDATE must touch
 * exactly one row, as checkedInsert demands inside one, or the write fails naming the table.
 */
function oneRowEach(client, table, migration) {
    const query = async (text, values) => {
        const r = await client.query(text, values);
        if ((r.command === 'INSERT' || r.command === 'UPDATE') && r.rowCount !== 1) {
            const what = migration ? ` for ${migration.name}` : '';
            throw new errors/* MigrationError */.Py(`the history table ${(0,identifiers/* tableText */.qK)(table)} ${r.command === 'INSERT' ? 'kept' : 'changed'} ${r.rowCount ?? 0} rows of the one written${what}`, {
                location: migration && { file: migration.up.file, line: migration.up.startLine, column: 1 },
                hint: SWALLOWED_HINT,
            });
        }
        return r;
    };
    return { query };
}
/** A dirty row resolved as undone: the history goes back to before its migration started. */
function forgetRow(client, table, row, rows) {
    return table.layout.forget(client, (0,identifiers/* quoteTable */.Z8)(table), row, rows);
}
/** Records the file's checksum for a row: for rows adopted without one, and for edits accepted explicitly. */
async function setChecksum(client, table, row, migration) {
    await table.layout.setChecksum?.(client, (0,identifiers/* quoteTable */.Z8)(table), row, migration);
}


/***/ }),

/***/ 4297:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ databaseIdentity)
/* harmony export */ });
/** The database the client is connected to, and its server's system identifier when the role may read it. */
async function databaseIdentity(client) {
    const r = await client.query(`SELECT d.datname AS name, d.oid::int8::text AS oid, pg_catalog.has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE') AS readable
       FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()`);
    const { name, oid, readable } = r.rows[0];
    // Asked apart: a query naming the function fails on the privilege even where it would not call it.
    const sysid = readable
        ? (await client.query('SELECT system_identifier::text AS s FROM pg_catalog.pg_control_system()')).rows[0]
            .s
        : undefined;
    return { name, oid: Number(oid), ...(sysid ? { systemIdentifier: sysid } : {}) };
}


/***/ }),

/***/ 9846:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Un: () => (/* binding */ LineEndHash),
/* harmony export */   lf: () => (/* binding */ checksumOf)
/* harmony export */ });
/* unused harmony export checksum */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);


/** sha256 of a script with CRLF and CR line endings normalised to LF, so a checkout on Windows matches. */
function checksum(sql) {
    const normalised = sql.replace(/\r\n?/g, '\n');
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(normalised, 'utf8').digest('hex')}`;
}
/**
 * The checksum of a script as written: its text, and the COPY rows a large file left on disk put back where they
 * were, read a chunk at a time. Equal to checksum() of the whole text.
 */
function checksumOf(script) {
    if (!script.elided?.length)
        return checksum(script.sql);
    const hash = new LineEndHash();
    let at = 0;
    let line = 0;
    for (const rows of script.elided) {
        let cut = at;
        for (; line < rows.line; line++)
            cut = script.sql.indexOf('\n', cut) + 1;
        hash.update(Buffer.from(script.sql.slice(at, cut), 'utf8'));
        at = cut;
        fileRange(rows.path, rows.from, rows.to, (bytes) => hash.update(bytes));
    }
    hash.update(Buffer.from(script.sql.slice(at), 'utf8'));
    return hash.checksum();
}
/** Reads bytes [from, to) of a file a chunk at a time. */
function fileRange(path, from, to, each) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, 'r');
    try {
        const chunk = Buffer.allocUnsafe(1 << 20);
        for (let at = from; at < to;) {
            const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync)(fd, chunk, 0, Math.min(chunk.length, to - at), at);
            if (n === 0)
                throw new Error(`${path} is shorter than when it was read (${at} of ${to} bytes)`);
            each(chunk.subarray(0, n));
            at += n;
        }
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
}
/** sha256 of bytes fed in pieces, CR LF and lone CR counted as LF (both are single bytes in UTF-8): checksum(). */
class LineEndHash {
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    /** The last piece ended in CR: a LF opening the next is the same line end. */
    afterCr = false;
    update(bytes) {
        let start = 0;
        if (this.afterCr && bytes[0] === 10)
            start = 1;
        this.afterCr = false;
        for (let cr = bytes.indexOf(13, start); cr >= 0; cr = bytes.indexOf(13, start)) {
            this.hash.update(bytes.subarray(start, cr));
            this.hash.update('\n');
            if (cr + 1 === bytes.length)
                this.afterCr = true;
            start = bytes[cr + 1] === 10 ? cr + 2 : cr + 1;
        }
        if (start < bytes.length)
            this.hash.update(bytes.subarray(start));
    }
    /** In checksum()'s form. */
    checksum() {
        return `sha256:${this.hash.digest('hex')}`;
    }
}


/***/ }),

/***/ 1557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PP: () => (/* binding */ matchFolderName),
/* harmony export */   XS: () => (/* binding */ matchFileName),
/* harmony export */   j1: () => (/* binding */ isGoMigration),
/* harmony export */   sv: () => (/* binding */ versionFromName)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(233);

// Timestamp versions come first in each alternation so `20240119_143000_x` is not read as version 20240119.
const VERSION = String.raw `(\d{8}_\d{6}|\d+)`;
const SINGLE = new RegExp(String.raw `^${VERSION}(?:_(.+))?\.sql$`);
const UP_DOWN = new RegExp(String.raw `^${VERSION}(?:_(.+?))?\.(up|down)\.sql$`);
const FLYWAY = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const POSTGRATOR = /^(\d+)\.(do|undo)(?:\.(.+))?\.sql$/;
const FOLDER = /^(\d{4}-\d{2}-\d{2}-\d{6}|\d{8}_\d{6}|\d+)(?:_(.+))?$/;
// goose's Go migrations sit beside its SQL ones under the same version scheme; goose skips _test.go files.
const GO_MIGRATION = /^\d+_.+(?<!_test)\.go$/;
/** True for a goose Go migration (`00002_backfill.go`): code only goose can run. */
function isGoMigration(name) {
    return GO_MIGRATION.test(name);
}
/** Classifies a `.sql` file name found at the top of the migrations folder. */
function matchFileName(name) {
    if (/^R__.+\.sql$/.test(name)) {
        return {
            kind: 'unsupported',
            reason: 'Flyway repeatable migrations (R__) are not supported; give it a version (V<n>__…) or move it out',
        };
    }
    const flyway = FLYWAY.exec(name);
    if (flyway) {
        return {
            kind: 'migration',
            layout: 'flyway',
            version: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .makeVersion */ .tq)(flyway[2].replace(/_/g, '.'), true),
            description: flyway[3],
            role: flyway[1] === 'V' ? 'both' : 'down',
        };
    }
    const postgrator = POSTGRATOR.exec(name);
    if (postgrator) {
        return {
            kind: 'migration',
            layout: 'up-down-files',
            version: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .makeVersion */ .tq)(postgrator[1]),
            description: postgrator[3] ?? '',
            role: postgrator[2] === 'do' ? 'up' : 'down',
        };
    }
    const pair = UP_DOWN.exec(name);
    if (pair) {
        return {
            kind: 'migration',
            layout: 'up-down-files',
            version: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .makeVersion */ .tq)(pair[1]),
            description: pair[2] ?? '',
            role: pair[3],
        };
    }
    const single = SINGLE.exec(name);
    if (single) {
        return {
            kind: 'migration',
            layout: 'single-file',
            version: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .makeVersion */ .tq)(single[1]),
            description: single[2] ?? '',
            role: 'both',
        };
    }
    return { kind: 'unknown' };
}
/** Classifies a sub-folder name (`2019-02-26-002946_create_users`, `00000000000000_setup`). */
function matchFolderName(name) {
    const m = FOLDER.exec(name);
    return m ? { version: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .makeVersion */ .tq)(m[1]), description: m[2] ?? '' } : undefined;
}
/**
 * Recovers a version from a `migration_name` recorded by hand-written scripts: a file name with or without
 * `.sql`, an up/down base name, or a folder name.
 */
function versionFromName(name) {
    for (const candidate of [name, `${name}.sql`]) {
        const m = matchFileName(candidate);
        if (m.kind === 'migration')
            return m.version;
    }
    return matchFolderName(name)?.version;
}


/***/ }),

/***/ 2585:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  f: () => (/* binding */ LARGE_FILE),
  r: () => (/* binding */ readMigrationFile)
});

// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
// EXTERNAL MODULE: ./node_modules/libpg-query/wasm/index.cjs
var wasm = __webpack_require__(2627);
// EXTERNAL MODULE: ./src/migrations/checksum.ts
var checksum = __webpack_require__(9846);
;// CONCATENATED MODULE: ./src/migrations/large-file.ts





/**
 * Reads a large migration file as psql does, a line at a time, keeping its SQL and leaving the rows of each
 * `COPY … FROM stdin` on disk: the rows are sent from the file when the statement runs, so a 1 GB data load
 * takes the memory of its SQL, not of its rows. The text returned is the file without those rows (each block's
 * end-of-data line stays right after its COPY); `elided` says where each block was and where its rows are.
 *
 * Which statement is a COPY … FROM stdin is the real parser's call, asked when a line ends a statement that may
 * be one; the splitter (psql-script.ts) reads the text again and must find every block here, or the file is
 * refused. Bytes are checked to be UTF-8, rows included.
 */
const CHUNK = 1 << 20;
const NEWLINE = 10;
/**
 * The lines of a file with their byte offsets, read a chunk at a time; each line keeps its line break. A line
 * longer than a string can hold is refused as it grows, before it is held whole.
 */
function* linesOf(path, shown) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        let open = [];
        let openLength = 0;
        let at = 0;
        for (;;) {
            const chunk = Buffer.allocUnsafe(CHUNK);
            const n = (0,external_node_fs_.readSync)(fd, chunk, 0, CHUNK, null);
            if (n === 0)
                break;
            const data = chunk.subarray(0, n);
            let start = 0;
            for (let eol = data.indexOf(NEWLINE); eol >= 0; eol = data.indexOf(NEWLINE, start)) {
                const piece = data.subarray(start, eol + 1);
                const bytes = open.length ? Buffer.concat([...open, piece]) : piece;
                open = [];
                openLength = 0;
                yield { bytes, at };
                at += bytes.length;
                start = eol + 1;
            }
            if (start < n) {
                open.push(data.subarray(start));
                openLength += n - start;
                if (openLength > external_node_buffer_.constants.MAX_STRING_LENGTH)
                    throw new errors/* InputError */.dz([
                        `${shown}: has a line of more than ${external_node_buffer_.constants.MAX_STRING_LENGTH.toLocaleString('en')} bytes, more than a JavaScript string can hold; break it into lines, or run this one file with psql`,
                    ]);
            }
        }
        if (open.length)
            yield { bytes: Buffer.concat(open), at };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** `\.` alone on its line, a CR before the line break allowed (as the splitter's endOfData reads it). */
const isEndOfData = (line) => {
    const end = line.length - (line[line.length - 1] === NEWLINE ? 1 : 0);
    const length = end - (line[end - 1] === 13 ? 1 : 0);
    return length === 2 && line[0] === 92 && line[1] === 46;
};
/**
 * Whether `sql` ends with a COPY … FROM stdin ended by its semicolon, so that the next line starts its rows;
 * `open` when a statement, string or comment is still open there, so that reading must go on; `closed` when
 * every statement is complete; `broken` at a syntax error (the splitter reports it, and nothing runs).
 */
function endsWithCopy(sql) {
    try {
        const stmts = (0,wasm.parseSync)(sql).stmts ?? [];
        const last = stmts[stmts.length - 1];
        if (!last)
            return 'closed';
        if (!last.stmt_len)
            return 'open';
        const copy = last.stmt.CopyStmt;
        return copy?.is_from === true && !copy.filename ? 'copy' : 'closed';
    }
    catch (err) {
        if (!(err instanceof wasm.SqlError))
            throw err;
        return err.message.startsWith('unterminated ') || err.message.includes('at end of input') ? 'open' : 'broken';
    }
}
/**
 * See the module comment. `decode` checks and decodes UTF-8 as a stream (it throws on bytes that are not).
 * Throws an InputError naming the line of a COPY whose rows have no end-of-data line.
 */
function readInPieces(path, shown, decode) {
    const parts = [];
    const elided = [];
    let line = 0;
    /** SQL since the last point where no statement was open, as far as the parser could tell. */
    let pending = '';
    let maybeCopy = false;
    let rows;
    const hash = new checksum/* LineEndHash */.Un();
    for (const { bytes, at } of linesOf(path, shown)) {
        hash.update(at === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
        if (rows) {
            decode(bytes, true);
            if (!isEndOfData(bytes)) {
                rows.lines++;
                continue;
            }
            elided.push({ path, line, lines: rows.lines, from: rows.from, to: at });
            rows = undefined;
        }
        // A byte-order mark is dropped: PostgreSQL would read it as part of the first token.
        const text = at === 0 ? decode(bytes, true).replace(/^\uFEFF/, '') : decode(bytes, true);
        parts.push(text);
        line++;
        if (/^\s*\\/.test(text) && pending.trim() !== '' && endsWithCopy(pending) !== 'open')
            pending = '';
        if (/^\s*\\/.test(text) && pending.trim() === '')
            continue; // a psql meta-command between statements
        pending += text;
        maybeCopy ||= /stdin/i.test(text);
        if (!maybeCopy || !text.includes(';'))
            continue;
        // After a syntax error, the line on its own: the rows of a COPY after the error stay on disk all the same.
        let state = endsWithCopy(pending);
        if (state === 'broken' && pending !== text)
            state = endsWithCopy(text);
        if (state === 'open')
            continue;
        if (state === 'copy')
            rows = { from: at + bytes.length, lines: 0 };
        pending = '';
        maybeCopy = false;
    }
    decode(Buffer.alloc(0), false);
    if (rows)
        throw new errors/* InputError */.dz([
            `${shown}:${line}: COPY … FROM stdin has no end-of-data line (a line holding only \\.); end the rows with one, as pg_dump writes it`,
        ]);
    return { text: parts.join(''), elided, checksum: hash.checksum() };
}

;// CONCATENATED MODULE: ./src/migrations/read-file.ts





/** Files larger than this are read in pieces, their COPY rows left on disk (large-file.ts). */
const LARGE_FILE = 64 * 1024 * 1024;
const tooLarge = (shown) => `${shown}: holds more SQL outside its COPY rows than the ${external_node_buffer_.constants.MAX_STRING_LENGTH.toLocaleString('en')} characters a JavaScript string can hold, and pg-migration-gate holds that SQL whole; split it into several migrations, or run this one file with psql`;
/**
 * Reads a migration file as UTF-8, refusing a symlink that leads outside the migrations folder and bytes that
 * are not UTF-8 (PostgreSQL would reject or mangle them). `root` must already be a real path. A file over
 * `largeAbove` bytes is read a line at a time, its COPY rows left on disk.
 */
function readMigrationFile(root, path, shown, largeAbove = LARGE_FILE) {
    const real = (0,external_node_fs_.realpathSync)(path);
    const rel = (0,external_node_path_.relative)(root, real);
    if (rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel)) {
        throw new errors/* InputError */.dz([
            `${shown}: is a link to ${real}, outside the migrations folder; copy the file into the folder instead`,
        ]);
    }
    const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    try {
        if ((0,external_node_fs_.statSync)(real).size > largeAbove) {
            return readInPieces(real, shown, (bytes, stream) => utf8.decode(bytes, { stream }));
        }
        const source = utf8.decode((0,external_node_fs_.readFileSync)(real));
        return { text: source.replace(/^\uFEFF/, ''), source };
    }
    catch (cause) {
        if (cause instanceof errors/* InputError */.dz)
            throw cause;
        const code = cause.code;
        if (code === 'ERR_STRING_TOO_LONG' || (cause instanceof RangeError && /string length/i.test(cause.message)))
            throw new errors/* InputError */.dz([tooLarge(shown)], { cause });
        if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA')
            throw new errors/* InputError */.dz([`${shown}: is not valid UTF-8; save it as UTF-8 (PostgreSQL expects it)`], { cause });
        throw cause;
    }
}


/***/ }),

/***/ 233:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ik: () => (/* binding */ versionId),
/* harmony export */   Zy: () => (/* binding */ compareVersions),
/* harmony export */   bw: () => (/* binding */ parseVersionText),
/* harmony export */   tq: () => (/* binding */ makeVersion)
/* harmony export */ });
/**
 * Builds a version from its written form. Timestamps (`20240119_143000`, `2019-02-26-002946`) and plain numbers
 * become one number; Flyway's dotted versions (`1.2.10`, or `1_2` which Flyway reads as `1.2`) keep one number
 * per segment so that `1.10` sorts after `1.9`.
 */
function makeVersion(text, dotted = false) {
    const segments = dotted ? text.split(/[._]/) : [text.replace(/[_-]/g, '')];
    return { text, key: segments.map((s) => BigInt(s)) };
}
/** Orders versions numerically; missing trailing segments count as zero (`1` equals `1.0`). */
function compareVersions(a, b) {
    const n = Math.max(a.key.length, b.key.length);
    for (let i = 0; i < n; i++) {
        const x = a.key[i] ?? 0n;
        const y = b.key[i] ?? 0n;
        if (x !== y)
            return x < y ? -1 : 1;
    }
    return 0;
}
/** A canonical string for a version: equal for versions that compare equal (`001` and `1`). */
function versionId(v) {
    const key = [...v.key];
    while (key.length > 1 && key[key.length - 1] === 0n)
        key.pop();
    return key.join('.');
}
/** Reads a version back from the text this tool stored (`20240119_143000`, `1.2`, `2019-02-26-002946`). */
function parseVersionText(text) {
    if (!/^\d+(?:[._-]\d+)*$/.test(text))
        return undefined;
    return makeVersion(text, text.includes('.'));
}


/***/ })

};
