// A test client that calls Dialogporten operations by operationId and checks every request it
// sends and every response it gets against swagger.verified.json (ajv, with the spec's formats).
import { SpecValidator } from '../../altinn-local/spec';
import type { AltinnLocal } from '../../altinn-local';

export interface CallOptions {
	token?: string;
	params?: Record<string, string>;
	query?: Record<string, string | string[] | number | boolean>;
	headers?: Record<string, string>;
	body?: unknown;
	contentType?: string;
}

export interface CallResult<T = unknown> {
	status: number;
	headers: Headers;
	text: string;
	json: T;
}

export class ContractClient {
	readonly violations: string[] = [];
	/** operationId → statuses seen. */
	readonly coverage = new Map<string, Set<number>>();
	readonly validator = new SpecValidator();

	constructor(private readonly local: AltinnLocal) {}

	async call<T = unknown>(operationId: string, options: CallOptions = {}): Promise<CallResult<T>> {
		const op = this.validator.operation(operationId);
		let path = op.path;
		for (const [k, v] of Object.entries(options.params ?? {}))
			path = path.replace(`{${k}}`, encodeURIComponent(v));
		const url = new URL(`${this.local.urls.dialogporten}${path}`);
		const query = new URLSearchParams();
		for (const [k, v] of Object.entries(options.query ?? {})) {
			for (const item of Array.isArray(v) ? v : [v]) query.append(k, String(item));
		}
		url.search = query.toString();
		const headers: Record<string, string> = { ...options.headers };
		if (options.token) headers.authorization = `Bearer ${options.token}`;
		let body: string | undefined;
		if (options.body !== undefined) {
			body = JSON.stringify(options.body);
			headers['content-type'] = options.contentType ?? 'application/json';
		}

		// The request, as sent, against the document.
		const lowerHeaders: Record<string, string> = {};
		for (const [k, v] of Object.entries(headers)) lowerHeaders[k.toLowerCase()] = v;
		const parsed = this.validator.parseParameters(operationId, {
			query,
			pathParams: options.params ?? {},
			headers: lowerHeaders,
		});
		for (const e of parsed.errors) this.violations.push(`${operationId} request: ${e}`);
		for (const e of this.validator.validateRequestBody(
			operationId,
			headers['content-type'],
			options.body as never,
		))
			this.violations.push(`${operationId} request: ${e}`);

		const res = await fetch(url, { method: op.method, headers, body });
		const text = await res.text();
		for (const e of this.validator.validateResponse(
			operationId,
			res.status,
			res.headers.get('content-type') ?? undefined,
			text,
		)) {
			this.violations.push(`${operationId} response ${res.status}: ${e}`);
		}
		if (!this.coverage.has(operationId)) this.coverage.set(operationId, new Set());
		this.coverage.get(operationId)!.add(res.status);
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, headers: res.headers, text, json: json as T };
	}
}
