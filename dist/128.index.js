export const id = 128;
export const ids = [128];
export const modules = {

/***/ 4128:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseFleetConfig: () => (/* binding */ parseFleetConfig)
/* harmony export */ });
/* unused harmony exports MAX_ALIASES, MAX_MERGE_DEPTH */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _core_input_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(496);
/* harmony import */ var _fleet_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7580);
/**
 * The fleet file named by the `config` input: `defaults:` and `apps:`, keyed by the action's
 * input names, in YAML (anchors and merge keys share schedules between apps). The whole file
 * is checked before any request; each error names the file, the line, the app and the key.
 */



/** Keys an app or `defaults:` may not set: the token comes from `api-key-env`, and these belong to the step. */
const STEP_ONLY = new Set([
    'api-key',
    'config',
    'apps',
    'shard',
    'parallel',
    'github-token',
    'keepalive',
    'heartbeat-url',
    // A fleet sends one notification for all its apps, set on the step.
    'notify-url',
    'notify-on',
    // One history for the step, as one notification.
    'history',
]);
/** A file with more aliases than this is refused unread: a fleet of hundreds of apps needs one or two each. */
const MAX_ALIASES = 10_000;
/** Merge keys may nest this deep (a merge of a merge of …); deeper is refused, and so is a merge of itself. */
const MAX_MERGE_DEPTH = 16;
/** Work that must stop: the file is refused whole at the line where the limit was passed. */
class WalkLimit extends Error {
    line;
    constructor(line, detail) {
        super(detail);
        this.line = line;
    }
}
function scalarText(node) {
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node))
        return null;
    const value = node.value;
    if (value === null)
        return '';
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    return null;
}
/** A merge key (`<<`): the YAML library marks it with a symbol of its own. */
function isMergeKey(node) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && (typeof node.value === 'symbol' || node.value === '<<');
}
/** The edit distance between two short names, for "did you mean". */
function distance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++)
            row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = row;
    }
    return previous[b.length];
}
/** The allowed key a typo most likely meant, when one is close. */
function closest(key, allowed) {
    let best = null;
    let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
    for (const candidate of allowed) {
        const d = distance(key.toLowerCase(), candidate);
        if (d < bestDistance)
            [best, bestDistance] = [candidate, d];
    }
    return best;
}
/**
 * One walk of the file. Each mapping is read once (a shared anchor merged into a hundred apps is
 * not read a hundred times), aliases are counted, and merges may nest only so deep, so the work
 * is linear in the file whatever its anchors do.
 */
class Walk {
    doc;
    lines;
    allowed;
    problems = [];
    read = new Map();
    reading = new Set();
    aliases = 0;
    reported = new Set();
    constructor(doc, lines, allowed) {
        this.doc = doc;
        this.lines = lines;
        this.allowed = allowed;
    }
    lineOf(node) {
        const range = node?.range;
        return range ? this.lines.linePos(range[0]).line : 1;
    }
    problem(problem) {
        // A shared anchor's mistake is told once, at its own line, not once for each app merging it.
        const id = `${problem.line}\u0000${problem.key ?? ''}\u0000${problem.detail}`;
        if (this.reported.has(id))
            return;
        this.reported.add(id);
        this.problems.push(problem);
    }
    /** The node an alias stands for (`*name`), followed as a YAML reader would; any other node as it is. */
    resolve(node) {
        let current = node;
        for (let hops = 0; (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(current); hops++) {
            this.aliases++;
            if (this.aliases > MAX_ALIASES || hops > MAX_MERGE_DEPTH)
                throw new WalkLimit(this.lineOf(current), `more than ${MAX_ALIASES} aliases (*name) are used; refused unread`);
            current = current.resolve(this.doc);
        }
        return current;
    }
    /**
     * The keys of a mapping with their text values and lines; merge keys (`<<: *shared`) are
     * resolved, a key of the mapping itself overriding a merged one.
     */
    map(map, app, depth = 0) {
        const done = this.read.get(map);
        if (done)
            return done;
        this.reading.add(map);
        const values = new Map();
        const merged = new Map();
        for (const pair of map.items) {
            const line = this.lineOf(pair.key);
            if (isMergeKey(pair.key)) {
                const value = this.resolve(pair.value);
                const targets = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(value) ? value.items : [value];
                for (const target of targets) {
                    const source = this.resolve(target);
                    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(source)) {
                        this.problem({ line, detail: 'a merge key (<<) must name a mapping', app });
                        continue;
                    }
                    if (this.reading.has(source))
                        throw new WalkLimit(line, 'a merge key (<<) includes the mapping it is in; refused');
                    if (depth >= MAX_MERGE_DEPTH)
                        throw new WalkLimit(line, `merge keys (<<) nest more than ${MAX_MERGE_DEPTH} deep; refused`);
                    for (const [k, v] of this.map(source, app, depth + 1))
                        if (!merged.has(k))
                            merged.set(k, v);
                }
                continue;
            }
            const key = scalarText(this.resolve(pair.key));
            if (key === null) {
                this.problem({ line, detail: 'a key must be plain text', app });
                continue;
            }
            const earlier = values.get(key);
            if (earlier) {
                this.problem({
                    line,
                    detail: `given twice, at lines ${earlier.line} and ${line}; keep one`,
                    app,
                    key,
                });
                continue;
            }
            if (!this.allowed.has(key)) {
                const meant = STEP_ONLY.has(key) ? null : closest(key, this.allowed);
                const hint = STEP_ONLY.has(key)
                    ? 'it is set on the step, not per app'
                    : `not an input of this action${meant ? `; did you mean ${(0,_core_input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(meant)}?` : ''}`;
                this.problem({ line, detail: `unknown key (${hint})`, app, key });
                continue;
            }
            const text = scalarText(this.resolve(pair.value));
            if (text === null) {
                this.problem({
                    line: this.lineOf(pair.value) || line,
                    detail: 'expected a single value (text, a number or true/false)',
                    app,
                    key,
                });
                continue;
            }
            values.set(key, { value: text, line });
        }
        for (const [k, v] of merged)
            if (!values.has(k))
                values.set(k, v);
        this.reading.delete(map);
        this.read.set(map, values);
        return values;
    }
}
function isEmpty(node) {
    return node === null || ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && node.value === null);
}
/**
 * Reads the fleet file. `inputs` are the action's input names; an app may set any of them but
 * the step-only ones, and `api-key-env`. Every mistake the file has is told at once.
 */
function parseFleetConfig(text, file, inputs) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    // Keys given twice are found while walking, so that the message can name the key, the app and both lines.
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, {
        lineCounter: lines,
        uniqueKeys: false,
        merge: true,
        prettyErrors: false,
    });
    if (doc.errors.length > 0) {
        throw (0,_fleet_file_js__WEBPACK_IMPORTED_MODULE_2__/* .configErrors */ .kV)(file, doc.errors.map((error) => ({
            line: lines.linePos(error.pos[0]).line,
            detail: `not valid YAML: ${error.message.split('\n')[0]}`,
        })));
    }
    const allowed = new Set([...inputs.filter((i) => !STEP_ONLY.has(i) && i !== 'app'), _fleet_file_js__WEBPACK_IMPORTED_MODULE_2__/* .TOKEN_ENV_KEY */ .u1]);
    const walk = new Walk(doc, lines, allowed);
    try {
        return readRoot(walk, doc, file);
    }
    catch (error) {
        if (error instanceof WalkLimit)
            throw (0,_fleet_file_js__WEBPACK_IMPORTED_MODULE_2__/* .configError */ .Fj)(file, error.line, error.message);
        throw error;
    }
}
function readRoot(walk, doc, file) {
    const root = walk.resolve(doc.contents);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(root))
        throw (0,_fleet_file_js__WEBPACK_IMPORTED_MODULE_2__/* .configError */ .Fj)(file, 1, 'expected a mapping with `defaults:` and `apps:`');
    let defaults = new Map();
    let apps = null;
    const seen = new Map();
    for (const pair of root.items) {
        const key = scalarText(walk.resolve(pair.key));
        const line = walk.lineOf(pair.key);
        const value = walk.resolve(pair.value);
        if (key !== null && seen.has(key)) {
            walk.problem({
                line,
                detail: `${(0,_core_input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(key)} is given twice, at lines ${seen.get(key)} and ${line}; keep one`,
            });
            continue;
        }
        if (key !== null)
            seen.set(key, line);
        if (key === 'defaults') {
            if (isEmpty(value))
                continue;
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(value))
                walk.problem({ line, detail: 'defaults must be a mapping of input names to values' });
            else
                defaults = walk.map(value, undefined);
        }
        else if (key === 'apps') {
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(value)) {
                walk.problem({ line, detail: 'apps must be a mapping of Heroku app names to their inputs' });
                continue;
            }
            apps = readApps(walk, value);
        }
        else {
            walk.problem({ line, detail: `unknown top-level key ${(0,_core_input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(key ?? '')}; expected defaults and apps` });
        }
    }
    if (!apps || apps.length === 0) {
        if (walk.problems.length === 0)
            walk.problem({ line: 1, detail: 'no apps: list them under `apps:`' });
        throw (0,_fleet_file_js__WEBPACK_IMPORTED_MODULE_2__/* .configErrors */ .kV)(file, walk.problems);
    }
    return { file, defaults, apps, problems: walk.problems };
}
function readApps(walk, map) {
    const apps = [];
    const lineOfApp = new Map();
    for (const item of map.items) {
        const name = scalarText(walk.resolve(item.key)) ?? '';
        const line = walk.lineOf(item.key);
        const earlier = lineOfApp.get(name);
        if (earlier !== undefined) {
            walk.problem({ line, detail: `listed twice, at lines ${earlier} and ${line}; keep one`, app: name });
            continue;
        }
        lineOfApp.set(name, line);
        const value = walk.resolve(item.value);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(value) && !isEmpty(value)) {
            walk.problem({ line, detail: 'an app must map input names to values', app: name });
            continue;
        }
        apps.push({ name, line, values: (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(value) ? walk.map(value, name) : new Map() });
    }
    return apps;
}


/***/ })

};
