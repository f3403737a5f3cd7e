/**
 * Turns a failed request into n8n's NodeApiError carrying Altinn's problem details (RFC 9457:
 * title, detail, field errors, trace id), in the node's own words for each status
 * (../helpers/errorMessages.ts), and never a token.
 */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { DIALOGPORTEN_SERVICE, statusWording } from '../helpers/errorMessages';
import type { ProblemDetails } from '../helpers/interfaces';
import { redactDeep, redactSecrets } from './redaction';

/** What is known about a request that failed. */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
	/** The URL the failure came from (a token endpoint, when the token request failed). */
	url?: string;
	code?: string;
	message: string;
}

/** Response headers as a plain object with lower-case names. */
export function normalizeHeaders(headers: unknown): Record<string, string> {
	if (!headers || typeof headers !== 'object') return {};
	const source =
		typeof (headers as { toJSON?: () => unknown }).toJSON === 'function'
			? ((headers as { toJSON: () => unknown }).toJSON() as Record<string, unknown>)
			: (headers as Record<string, unknown>);
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(source)) {
		if (value === undefined || value === null) continue;
		result[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return result;
}

/** An error body as JSON when it is JSON, else as text. */
export function decodeBody(data: unknown): unknown {
	let value = data;
	if (value instanceof ArrayBuffer) value = Buffer.from(value);
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
			try {
				return JSON.parse(trimmed);
			} catch {
				return value;
			}
		}
	}
	return value;
}

/** Finds the HTTP response inside whatever n8n or axios threw. */
export function describeFailure(error: unknown): HttpFailure {
	const seen = new Set<unknown>();
	const queue: unknown[] = [error];
	let status: number | undefined;
	let body: unknown;
	while (queue.length > 0) {
		const candidate = queue.shift() as Record<string, unknown> | undefined;
		if (!candidate || typeof candidate !== 'object' || seen.has(candidate)) continue;
		seen.add(candidate);
		const response = candidate.response as Record<string, unknown> | undefined;
		if (response && typeof response === 'object' && typeof response.status === 'number') {
			const config = (candidate.config ?? response.config) as { url?: string } | undefined;
			return {
				status: response.status,
				headers: normalizeHeaders(response.headers),
				body: decodeBody(response.data),
				url: config?.url,
				code: typeof candidate.code === 'string' ? candidate.code : undefined,
				message: String((error as Error)?.message ?? ''),
			};
		}
		if (status === undefined && candidate.httpCode && /^\d{3}$/.test(String(candidate.httpCode))) {
			status = Number(candidate.httpCode);
			// n8n keeps a JSON error body on the error's context (its cause, the HTTP client error, is dropped).
			const data = (candidate.context as { data?: unknown } | undefined)?.data;
			if (data !== undefined) body = decodeBody(data);
		}
		queue.push(candidate.cause, candidate.errorResponse, candidate.error, candidate.reason);
	}
	const root = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
	const code =
		typeof root?.code === 'string'
			? root.code
			: typeof root?.cause?.code === 'string'
				? root.cause.code
				: undefined;
	return { status, headers: {}, body, code, message: String(root?.message ?? 'Request failed') };
}

/**
 * The HTTP status of a failed request as n8n reports it: NodeApiError.httpCode, or the status of
 * the HTTP client's error or of its cause.
 */
export function httpStatusOf(error: unknown): number | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const candidate = error as {
		httpCode?: unknown;
		status?: unknown;
		statusCode?: unknown;
		response?: { status?: unknown };
		cause?: unknown;
	};
	for (const value of [
		candidate.httpCode,
		candidate.statusCode,
		candidate.status,
		candidate.response?.status,
	]) {
		const code = typeof value === 'string' ? Number(value) : value;
		if (typeof code === 'number' && Number.isInteger(code) && code >= 100 && code < 600)
			return code;
	}
	return candidate.cause !== error ? httpStatusOf(candidate.cause) : undefined;
}

/** Whether two URLs name the same endpoint (origin and path); true when `a` is unknown. */
export function sameEndpoint(a: string | undefined, b: string): boolean {
	if (!a) return true;
	try {
		const left = new URL(a);
		const right = new URL(b);
		return left.origin === right.origin && left.pathname === right.pathname;
	} catch {
		return true;
	}
}

function problemDetailsOf(body: unknown): ProblemDetails | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const candidate = body as ProblemDetails;
	if (
		'title' in candidate ||
		'detail' in candidate ||
		'errors' in candidate ||
		'traceId' in candidate
	) {
		return candidate;
	}
	return undefined;
}

function fieldErrorLines(problem: ProblemDetails): string[] {
	const lines: string[] = [];
	for (const [field, messages] of Object.entries(problem.errors ?? {})) {
		const list = Array.isArray(messages) ? messages : [String(messages)];
		lines.push(`${field || '(body)'}: ${list.join(' ')}`);
	}
	for (const entry of problem.validationErrors ?? []) {
		const paths = entry.paths?.length ? `${entry.paths.join(', ')}: ` : '';
		lines.push(`${paths}${[entry.title, entry.detail].filter(Boolean).join(' - ')}`);
	}
	return lines;
}

/**
 * Maps an HTTP failure to a NodeApiError with Altinn's problem details. `extraDescription` is the
 * operation's hint for this status (`errorHints`) or why retrying stopped; `service` names who
 * answered (Dialogporten, or the host of a service owner's system).
 */
export function toNodeApiError(
	node: INode,
	failure: HttpFailure,
	requestUrl: string,
	itemIndex?: number,
	extraDescription?: string,
	service = DIALOGPORTEN_SERVICE,
): NodeApiError {
	const status = failure.status;
	const problem = problemDetailsOf(failure.body);
	const target = new URL(requestUrl);
	const fromOtherEndpoint = !sameEndpoint(failure.url, requestUrl);
	const wording =
		status !== undefined && !fromOtherEndpoint ? statusWording(status, service) : undefined;
	let message: string;
	if (status === undefined) {
		message = failure.message || `The request to ${target.host} failed`;
	} else if (!wording) {
		message = `The request for a token failed (HTTP ${status})`;
	} else {
		message =
			problem?.title && !wording.message.toLowerCase().includes(problem.title.toLowerCase())
				? `${wording.message}: ${problem.title}`
				: wording.message;
	}
	const lines: string[] = [];
	if (problem?.detail) lines.push(problem.detail);
	if (problem) lines.push(...fieldErrorLines(problem));
	if (!problem && typeof failure.body === 'string' && failure.body.trim()) {
		lines.push(failure.body.trim().slice(0, 500));
	}
	if (!problem && failure.body && typeof failure.body === 'object') {
		const body = failure.body as Record<string, unknown>;
		const text = body.error_description ?? body.error ?? body.message;
		if (text) lines.push(String(text));
	}
	if (wording?.hint) lines.push(wording.hint);
	if (extraDescription) lines.push(extraDescription);
	if (status === 429 || status === 503) {
		const retryAfter = failure.headers['retry-after'];
		if (retryAfter) lines.push(`Retry-After: ${retryAfter}`);
	}
	if (problem?.traceId) lines.push(`Trace ID: ${problem.traceId}`);
	lines.push(
		`${failure.url && fromOtherEndpoint ? failure.url.split('?')[0] : `${target.origin}${target.pathname}`}`,
	);

	const errorResponse: JsonObject = redactDeep({
		status: status ?? null,
		title: problem?.title ?? null,
		detail: problem?.detail ?? null,
		traceId: problem?.traceId ?? null,
		type: problem?.type ?? null,
		errors: (problem?.errors as JsonObject | undefined) ?? null,
		validationErrors: (problem?.validationErrors as unknown as JsonObject[] | undefined) ?? null,
		code: failure.code ?? problem?.code ?? null,
	}) as JsonObject;
	return new NodeApiError(node, errorResponse, {
		message: redactSecrets(message),
		description: redactSecrets(lines.join('\n')),
		httpCode: status !== undefined ? String(status) : undefined,
		itemIndex,
	});
}
