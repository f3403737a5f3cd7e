// Shaping a value to a named schema of the OpenAPI document: only the properties that schema
// declares are kept, and null/undefined values are left out (Dialogporten omits nulls).
import type { Schemas } from './model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const spec = require('@digdir/dialogporten-schema/swagger.verified.json') as {
	components: { schemas: Record<string, SchemaNode> };
};
type SchemaNode = {
	$ref?: string;
	properties?: Record<string, SchemaNode>;
	items?: SchemaNode;
	oneOf?: SchemaNode[];
	allOf?: SchemaNode[];
	type?: string;
};

function resolve(node: SchemaNode): SchemaNode {
	if (node.$ref) return resolve(spec.components.schemas[node.$ref.split('/').pop() as string]);
	if (node.oneOf?.length === 1) return resolve(node.oneOf[0]);
	if (node.allOf?.length === 1) return resolve(node.allOf[0]);
	return node;
}

type Shaper = (value: unknown) => unknown;
const shapers = new WeakMap<SchemaNode, Shaper>();

/** Compiles (once per schema node) a function that keeps only the declared properties. */
function shaperFor(node: SchemaNode): Shaper {
	const schema = resolve(node);
	let fn = shapers.get(schema);
	if (fn) return fn;
	if (schema.type === 'array') {
		let item: Shaper | undefined;
		fn = (value) => {
			if (value === null || value === undefined) return undefined;
			if (!Array.isArray(value)) return value;
			item ??= shaperFor(schema.items ?? {});
			const out: unknown[] = [];
			for (const v of value) {
				const x = item(v);
				if (x !== undefined) out.push(x);
			}
			return out;
		};
	} else if (schema.properties) {
		const props = Object.entries(schema.properties);
		let compiled: Array<[string, Shaper]> | undefined;
		fn = (value) => {
			if (value === null || value === undefined) return undefined;
			if (typeof value !== 'object' || Array.isArray(value)) return value;
			compiled ??= props.map(([name, prop]) => [name, shaperFor(prop)]);
			const out: Record<string, unknown> = {};
			for (const [name, shapeProp] of compiled) {
				const v = shapeProp((value as Record<string, unknown>)[name]);
				if (v !== undefined) out[name] = v;
			}
			return out;
		};
	} else {
		fn = (value) => (value === null ? undefined : value);
	}
	shapers.set(schema, fn);
	return fn;
}

const named = new Map<string, Shaper>();

/** Keeps only what the named response schema declares. */
export function shape<K extends keyof Schemas>(name: K, value: unknown): Schemas[K] {
	let fn = named.get(String(name));
	if (!fn) {
		fn = shaperFor({ $ref: `#/components/schemas/${String(name)}` });
		named.set(String(name), fn);
	}
	return fn(value) as Schemas[K];
}
