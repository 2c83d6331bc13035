export const id = 611;
export const ids = [611];
export const modules = {

/***/ 611:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  changedFiles: () => (/* binding */ changedFiles),
  filesAtBase: () => (/* binding */ filesAtBase)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
;// CONCATENATED MODULE: ./src/git/git.ts



const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
async function git(args, cwd) {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
}
/** The repository's top folder, or an InputError saying base-ref needs a checkout. */
async function repositoryRoot(dir) {
    const top = (await git(['rev-parse', '--show-toplevel'], dir).catch(() => '')).trim();
    if (!top)
        throw new errors/* InputError */.dz([
            `base-ref: '${dir}' is not inside a git checkout; run where the repository is checked out, or leave base-ref empty`,
        ]);
    return top;
}
/**
 * The merge base of baseRef and HEAD. A clone without the base (a shallow checkout) is refused with the fix,
 * never silently treated as "everything is new".
 */
async function mergeBase(baseRef, top) {
    try {
        await git(['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`], top);
        return (await git(['merge-base', baseRef, 'HEAD'], top)).trim();
    }
    catch (cause) {
        throw new errors/* InputError */.dz([
            `base-ref: '${baseRef}' is not in this clone, or shares no history with HEAD (a shallow checkout?); use actions/checkout with fetch-depth: 0, or git fetch the base branch first`,
        ], { cause });
    }
}

;// CONCATENATED MODULE: ./src/git/changed-files.ts


/** Paths relative to `dir` of git's NUL-separated output (paths relative to the repository's top). */
function underDir(out, top, dir) {
    const root = (0,external_node_path_.resolve)(dir);
    return new Set(out
        .split('\0')
        .filter(Boolean)
        .map((f) => (0,external_node_path_.relative)(root, (0,external_node_path_.resolve)(top, f))));
}
/**
 * Files under `dir` added, changed or renamed since the merge base of `baseRef` and HEAD (committed or not), as
 * paths relative to `dir`.
 */
async function changedFiles(baseRef, dir) {
    const top = await repositoryRoot(dir);
    const base = await mergeBase(baseRef, top);
    // Against the working tree, plus untracked files: locally, a migration not yet committed is part of the change.
    const changed = await git(['diff', '--name-only', '--diff-filter=AMR', '-z', base, '--', (0,external_node_path_.resolve)(dir)], top);
    const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z', '--', (0,external_node_path_.resolve)(dir)], top);
    return underDir(`${changed}${untracked}`, top, dir);
}
/** Files under `dir` as they were at the merge base of `baseRef` and HEAD: what is deployed. */
async function filesAtBase(baseRef, dir) {
    const top = await repositoryRoot(dir);
    const base = await mergeBase(baseRef, top);
    return underDir(await git(['ls-tree', '-r', '--name-only', '-z', base, '--', (0,external_node_path_.resolve)(dir)], top), top, dir);
}


/***/ })

};
