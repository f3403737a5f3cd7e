// Validation of Dialogporten requests and responses against the pinned OpenAPI document
// (@digdir/dialogporten-schema swagger.verified.json) with ajv. The document is OpenAPI 3.0, so its
// schemas are converted to JSON Schema first: `nullable: true` becomes a union with null, `x-*`
// annotations are dropped, and the non-standard `guid` and `int32` formats are defined.
//
// Responses are held to one rule beyond the document: a property the document declares non-nullable
// must be present. The document has no `required` arrays at all (required-ness is only expressed by
// nullability), and clients rely on those properties (e.g. `hasNextPage`, `revision`), so a response
// that omits one counts as a violation.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: unknown };

interface OperationParameter {
	name: string;
	in: 'query' | 'path' | 'header';
	required?: boolean;
	schema: Schema;
}

export interface OperationInfo {
	operationId: string;
	method: string;
	path: string;
	parameters: OperationParameter[];
	requestBody?: { required: boolean; content: Record<string, Schema> };
	responses: Record<string, { contentTypes: string[] }>;
	security: string[][];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const spec = require('@digdir/dialogporten-schema/swagger.verified.json') as {
	paths: Record<string, Record<string, Record<string, unknown>>>;
	components: { schemas: Record<string, Schema> };
};

const SPEC_ID = 'dialogporten';

function convert(node: unknown, forResponse: boolean): unknown {
	if (Array.isArray(node)) return node.map((n) => convert(n, forResponse));
	if (!node || typeof node !== 'object') return node;
	const source = node as Schema;
	const out: Schema = {};
	for (const [key, value] of Object.entries(source)) {
		if (key.startsWith('x-') || key === 'nullable' || key === 'example' || key === 'description')
			continue;
		if (key === '$ref' && typeof value === 'string') {
			out.$ref = value.startsWith('#/')
				? `${forResponse ? SPEC_ID + '-response' : SPEC_ID}${value}`
				: value;
			continue;
		}
		if (key === 'properties' && value && typeof value === 'object') {
			const props: Schema = {};
			for (const [name, prop] of Object.entries(value as Schema))
				props[name] = convert(prop, forResponse);
			out.properties = props;
			continue;
		}
		out[key] = convert(value, forResponse);
	}
	if (forResponse && source.properties && typeof source.properties === 'object') {
		const required = Object.entries(source.properties as Record<string, Schema>)
			.filter(([, prop]) => prop.nullable !== true)
			.map(([name]) => name);
		if (required.length) out.required = required;
	}
	if (source.nullable === true) {
		if (typeof out.type === 'string') {
			out.type = [out.type, 'null'];
			if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
			return out;
		}
		return { anyOf: [{ type: 'null' }, out] };
	}
	return out;
}

function createAjv(): Ajv {
	const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
	addFormats(ajv);
	ajv.addFormat('guid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
	ajv.addFormat('int32', {
		type: 'number',
		validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647,
	});
	ajv.addSchema({ $id: SPEC_ID, components: { schemas: convert(spec.components.schemas, false) } });
	ajv.addSchema({
		$id: `${SPEC_ID}-response`,
		components: { schemas: convert(spec.components.schemas, true) },
	});
	return ajv;
}

function messages(errors: ErrorObject[] | null | undefined): string[] {
	return (errors ?? []).map(
		(e) =>
			`${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})` : ''}`,
	);
}

function describe(errors: ErrorObject[] | null | undefined): string {
	return messages(errors).join('; ');
}

export interface ParsedRequest {
	query: Record<string, unknown>;
	errors: string[];
}

export class SpecValidator {
	readonly operations = new Map<string, OperationInfo>();
	private readonly ajv = createAjv();
	private readonly compiled = new Map<string, ValidateFunction>();

	constructor() {
		for (const [path, methods] of Object.entries(spec.paths)) {
			for (const [method, raw] of Object.entries(methods)) {
				const op = raw as {
					operationId: string;
					parameters?: OperationParameter[];
					requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
					responses: Record<string, { content?: Record<string, unknown> }>;
					security?: Array<Record<string, string[]>>;
				};
				const responses: OperationInfo['responses'] = {};
				for (const [status, r] of Object.entries(op.responses))
					responses[status] = { contentTypes: Object.keys(r.content ?? {}) };
				const content: Record<string, Schema> = {};
				for (const [type, c] of Object.entries(op.requestBody?.content ?? {}))
					content[type] = c.schema;
				this.operations.set(op.operationId, {
					operationId: op.operationId,
					method: method.toUpperCase(),
					path,
					parameters: op.parameters ?? [],
					requestBody: op.requestBody
						? { required: op.requestBody.required === true, content }
						: undefined,
					responses,
					security: (op.security ?? []).map((s) => s.JWTBearerAuth ?? []),
				});
			}
		}
	}

	private validator(key: string, schema: Schema, forResponse: boolean): ValidateFunction {
		let fn = this.compiled.get(key);
		if (!fn) {
			fn = this.ajv.compile(convert(schema, forResponse) as Schema);
			this.compiled.set(key, fn);
		}
		return fn;
	}

	operation(operationId: string): OperationInfo {
		const op = this.operations.get(operationId);
		if (!op) throw new Error(`Unknown operation ${operationId}`);
		return op;
	}

	/**
	 * Parses and validates the query, path and header parameters of a request. Query values are
	 * coerced to the declared types (repeated keys for arrays, `true`/`false`, integers) the way the
	 * ASP.NET model binder does.
	 */
	parseParameters(
		operationId: string,
		input: {
			query: URLSearchParams;
			pathParams: Record<string, string>;
			headers: Record<string, string | string[] | undefined>;
		},
	): ParsedRequest {
		const op = this.operation(operationId);
		const errors: string[] = [];
		const query: Record<string, unknown> = {};
		for (const param of op.parameters) {
			// The accept-Language header is declared as an object schema, a code-generation artefact;
			// on the wire it is an ordinary Accept-Language string, so it is not validated.
			if (param.in === 'header' && param.name.toLowerCase() === 'accept-language') continue;
			let raw: string[] = [];
			if (param.in === 'query') raw = input.query.getAll(param.name);
			else if (param.in === 'path')
				raw = input.pathParams[param.name] !== undefined ? [input.pathParams[param.name]] : [];
			else if (param.in === 'header') {
				const value = input.headers[param.name.toLowerCase()];
				raw = value === undefined ? [] : Array.isArray(value) ? value : [value];
			}
			if (raw.length === 0) {
				if (param.required) errors.push(`${param.in} parameter '${param.name}' is required`);
				continue;
			}
			const schema = this.resolve(param.schema);
			let value: unknown;
			if (schema.type === 'array') {
				const itemSchema = this.resolve((schema.items as Schema) ?? {});
				value = raw.map((r) => coerce(r, itemSchema));
			} else {
				value = coerce(raw[raw.length - 1], schema);
			}
			const fn = this.validator(
				`param:${operationId}:${param.in}:${param.name}`,
				param.schema,
				false,
			);
			if (!fn(value))
				errors.push(
					`${param.in} parameter '${param.name}': ${describe(fn.errors).replace(/^\/ /, '')}`,
				);
			if (param.in === 'query') query[param.name] = value;
		}
		return { query, errors };
	}

	/** Validates a request body; returns the problems found (empty when valid). */
	validateRequestBody(
		operationId: string,
		contentType: string | undefined,
		body: Json | undefined,
	): string[] {
		const op = this.operation(operationId);
		if (!op.requestBody) return body === undefined ? [] : ['the operation takes no request body'];
		if (body === undefined) return op.requestBody.required ? ['a request body is required'] : [];
		const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
		const schema = op.requestBody.content[type];
		if (!schema)
			return [
				`request content type '${type || '(none)'}' is not one of ${Object.keys(op.requestBody.content).join(', ')}`,
			];
		const fn = this.validator(`req:${operationId}:${type}`, schema, false);
		return fn(body) ? [] : messages(fn.errors).map((m) => `request body: ${m}`);
	}

	/** Validates a response: declared status, declared content type, and the body against its schema. */
	validateResponse(
		operationId: string,
		status: number,
		contentType: string | undefined,
		body: string | Buffer | undefined,
	): string[] {
		const op = this.operation(operationId);
		const declared = op.responses[String(status)];
		if (!declared) return [`status ${status} is not declared`];
		const hasBody = body !== undefined && body.length > 0;
		const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
		if (declared.contentTypes.length === 0)
			return hasBody ? [`status ${status} declares no body but one was sent`] : [];
		if (!hasBody)
			return [
				`status ${status} declares a ${declared.contentTypes.join('/')} body but none was sent`,
			];
		if (!declared.contentTypes.includes(type))
			return [
				`content type '${type}' is not one of ${declared.contentTypes.join(', ')} for status ${status}`,
			];
		if (type === 'text/plain') return [];
		let parsed: unknown;
		try {
			parsed = JSON.parse(body.toString());
		} catch {
			return ['response body is not JSON'];
		}
		const raw = (
			spec.paths[op.path][op.method.toLowerCase()] as {
				responses: Record<string, { content: Record<string, { schema: Schema }> }>;
			}
		).responses[String(status)].content[type].schema;
		const fn = this.validator(`res:${operationId}:${status}:${type}`, raw, true);
		return fn(parsed) ? [] : [`response body: ${describe(fn.errors)}`];
	}

	/** Validates any value against a named component schema (as a response would be validated). */
	validateSchema(name: string, value: unknown, asResponse = true): string[] {
		const fn = this.validator(
			`schema:${name}:${asResponse}`,
			{ $ref: `#/components/schemas/${name}` },
			asResponse,
		);
		return fn(value) ? [] : [describe(fn.errors)];
	}

	private resolve(schema: Schema): Schema {
		if (typeof schema.$ref === 'string')
			return this.resolve(spec.components.schemas[schema.$ref.split('/').pop() as string]);
		if (Array.isArray(schema.allOf) && schema.allOf.length === 1)
			return this.resolve(schema.allOf[0] as Schema);
		if (Array.isArray(schema.oneOf) && schema.oneOf.length === 1)
			return this.resolve(schema.oneOf[0] as Schema);
		return schema;
	}
}

function coerce(raw: string, schema: Schema): unknown {
	switch (schema.type) {
		case 'boolean':
			return raw === 'true' ? true : raw === 'false' ? false : raw;
		case 'integer':
		case 'number': {
			const n = Number(raw);
			return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
		}
		default:
			return raw;
	}
}

let shared: SpecValidator | undefined;
/** One validator per process: compiling the document's schemas takes a moment. */
export function specValidator(): SpecValidator {
	shared ??= new SpecValidator();
	return shared;
}
