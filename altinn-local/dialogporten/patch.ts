// RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over plain JSON values, with
// RFC 6901 pointers. Throws PatchError with a message naming the failing operation.

export class PatchError extends Error {
	constructor(
		message: string,
		/** True when a `test` operation failed (the document is valid, the precondition is not). */
		public readonly testFailed = false,
	) {
		super(message);
	}
}

export interface PatchOperation {
	op?: string | null;
	path?: string | null;
	from?: string | null;
	value?: unknown;
}

function parsePointer(pointer: string): string[] {
	if (pointer === '') return [];
	if (!pointer.startsWith('/')) throw new PatchError(`Invalid JSON pointer '${pointer}'`);
	return pointer
		.slice(1)
		.split('/')
		.map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function clone<T>(v: T): T {
	return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

export function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a))
		return (
			a.length === (b as unknown[]).length && a.every((x, i) => deepEqual(x, (b as unknown[])[i]))
		);
	const ka = Object.keys(a as object);
	const kb = Object.keys(b as object);
	return (
		ka.length === kb.length &&
		ka.every(
			(k) =>
				Object.prototype.hasOwnProperty.call(b, k) &&
				deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
		)
	);
}

function arrayIndex(token: string, length: number, forAdd: boolean): number {
	if (forAdd && token === '-') return length;
	if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchError(`Invalid array index '${token}'`);
	const i = Number(token);
	if (i > length || (!forAdd && i === length))
		throw new PatchError(`Array index ${i} is out of bounds`);
	return i;
}

function parentOf(doc: unknown, tokens: string[], path: string): { parent: unknown; key: string } {
	let cur = doc;
	for (const t of tokens.slice(0, -1)) {
		if (Array.isArray(cur)) cur = cur[arrayIndex(t, cur.length, false)];
		else if (cur && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, t))
			cur = (cur as Record<string, unknown>)[t];
		else throw new PatchError(`Path '${path}' does not exist`);
	}
	if (cur === null || typeof cur !== 'object')
		throw new PatchError(`Path '${path}' does not exist`);
	return { parent: cur, key: tokens[tokens.length - 1] };
}

function get(doc: unknown, path: string): unknown {
	let cur = doc;
	for (const t of parsePointer(path)) {
		if (Array.isArray(cur)) cur = cur[arrayIndex(t, cur.length, false)];
		else if (cur && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, t))
			cur = (cur as Record<string, unknown>)[t];
		else throw new PatchError(`Path '${path}' does not exist`);
	}
	return cur;
}

function add(doc: unknown, path: string, value: unknown): unknown {
	const tokens = parsePointer(path);
	if (tokens.length === 0) return value;
	const { parent, key } = parentOf(doc, tokens, path);
	if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length, true), 0, value);
	else (parent as Record<string, unknown>)[key] = value;
	return doc;
}

function remove(doc: unknown, path: string): unknown {
	const tokens = parsePointer(path);
	if (tokens.length === 0) throw new PatchError('Cannot remove the whole document');
	const { parent, key } = parentOf(doc, tokens, path);
	if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length, false), 1);
	else {
		if (!Object.prototype.hasOwnProperty.call(parent, key))
			throw new PatchError(`Path '${path}' does not exist`);
		delete (parent as Record<string, unknown>)[key];
	}
	return doc;
}

export function applyPatch<T>(document: T, operations: PatchOperation[]): T {
	let doc: unknown = clone(document);
	operations.forEach((operation, n) => {
		const where = `operation ${n} (${operation.op ?? '?'} ${operation.path ?? ''})`;
		try {
			const path = operation.path;
			if (typeof path !== 'string') throw new PatchError("'path' is required");
			switch (operation.op) {
				case 'add':
					if (!('value' in operation)) throw new PatchError("'value' is required");
					doc = add(doc, path, clone(operation.value));
					break;
				case 'remove':
					doc = remove(doc, path);
					break;
				case 'replace':
					if (!('value' in operation)) throw new PatchError("'value' is required");
					if (parsePointer(path).length === 0) {
						doc = clone(operation.value);
						break;
					}
					get(doc, path);
					doc = add(remove(doc, path), path, clone(operation.value));
					break;
				case 'move': {
					if (typeof operation.from !== 'string') throw new PatchError("'from' is required");
					if (path.startsWith(`${operation.from}/`))
						throw new PatchError("'from' cannot be a prefix of 'path'");
					const v = get(doc, operation.from);
					doc = add(remove(doc, operation.from), path, v);
					break;
				}
				case 'copy': {
					if (typeof operation.from !== 'string') throw new PatchError("'from' is required");
					doc = add(doc, path, clone(get(doc, operation.from)));
					break;
				}
				case 'test':
					if (!deepEqual(get(doc, path), operation.value))
						throw new PatchError(`The value at '${path}' is not the expected value`, true);
					break;
				default:
					throw new PatchError(`Unknown op '${String(operation.op)}'`);
			}
		} catch (e) {
			if (e instanceof PatchError) throw new PatchError(`${where}: ${e.message}`, e.testFailed);
			throw e;
		}
	});
	return doc as T;
}
