/**
 * The only code of the Dialogporten node that talks HTTP. It resolves Altinn base URLs from the
 * credential, authenticates through ../auth (or with a dialog token, or not at all for the
 * anonymous metadata endpoints and external action URLs), serializes query arrays as repeated
 * keys, follows `continuationToken` paging, retries 429/503 as told by `Retry-After` (bounded),
 * and turns failures into NodeApiError carrying Altinn's problem details — never a token.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import {
	authenticatedRequest,
	getAltinnEndpoints,
	type AltinnCredentialType,
	type AltinnEndpoints,
} from '../auth';
import type { PaginatedList, ProblemDetails } from '../helpers/interfaces';

export type AnyContext =
	IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IPollFunctions | IWebhookFunctions;

export type QueryValue =
	string | number | boolean | null | undefined | Array<string | number | boolean>;
export type QueryParameters = Record<string, QueryValue>;

/**
 * Who authenticates a request: the node's Altinn credential (Maskinporten or ID-porten), a
 * bearer token supplied by the caller (a dialog's `dialogToken`), or nobody.
 */
export type RequestAuth = AltinnCredentialType | 'none' | { bearerToken: string };

export interface ApiRequest {
	/**
	 * Which API the path belongs to. `metadata` (limits, service resources, `.well-known`) is
	 * anonymous; `absolute` means `path` is a full URL (action endpoints, content references).
	 */
	api?: 'enduser' | 'serviceowner' | 'metadata' | 'absolute';
	method: IHttpRequestMethods;
	/** `/api/v1/...` (appended to the chosen base URL) or an absolute http(s) URL. */
	path: string;
	/** Arrays are sent as repeated keys (`party=a&party=b`); empty values are left out. */
	qs?: QueryParameters;
	body?: unknown;
	headers?: IDataObject;
	itemIndex?: number;
	/** Resolve to `{ body, headers, statusCode }` instead of the body. */
	returnFullResponse?: boolean;
	/** Receive the body as a Buffer (files, action responses of any media type). */
	binary?: boolean;
	/** Which Altinn base URL a relative path is appended to. Default: `dialogporten`. */
	baseUrl?: keyof AltinnEndpoints;
	/** Default: the node's `authentication` parameter; `none` for `metadata`. */
	auth?: RequestAuth;
	/** The credential that supplies the base URLs when `auth` is not a credential type. */
	credentialType?: AltinnCredentialType;
	/** Bounds for 429/503 handling. */
	retry?: RetryPolicy;
	/** Extra explanation added to the error of a given HTTP status (e.g. which idempotent key clashed). */
	errorHints?: Partial<Record<number, string>>;
}

export interface RetryPolicy {
	/** Retries after the first attempt. Default 3. */
	maxRetries?: number;
	/** The longest single wait; a longer `Retry-After` fails at once. Default 30 s. */
	maxWaitSeconds?: number;
}

export interface FullResponse<T = unknown> {
	body: T;
	headers: Record<string, string>;
	statusCode: number;
}

const CREDENTIAL_TYPES: readonly AltinnCredentialType[] = ['maskinportenApi', 'idPortenOAuth2Api'];
const DEFAULT_RETRIES = 3;
const DEFAULT_MAX_WAIT_SECONDS = 30;
const MAX_PAGES = 10_000;

function isExecuteContext(context: AnyContext): context is IExecuteFunctions {
	return 'getInputData' in context && 'continueOnFail' in context;
}

/** Reads a node parameter the way each kind of n8n context allows; '' when it does not exist. */
export function readNodeParameter(context: AnyContext, name: string, itemIndex = 0): unknown {
	try {
		if (isExecuteContext(context)) return context.getNodeParameter(name, itemIndex, '');
		return (context as ILoadOptionsFunctions).getNodeParameter(name, '');
	} catch {
		return '';
	}
}

/** The Altinn credential type the node is configured with (its `authentication` parameter). */
export function nodeCredentialType(context: AnyContext, itemIndex = 0): AltinnCredentialType {
	const value = readNodeParameter(context, 'authentication', itemIndex);
	return CREDENTIAL_TYPES.includes(value as AltinnCredentialType)
		? (value as AltinnCredentialType)
		: 'maskinportenApi';
}

/** Builds a query string with repeated keys for arrays, leaving out empty values. */
export function buildQueryString(qs: QueryParameters | undefined): string {
	if (!qs) return '';
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(qs)) {
		const values = Array.isArray(value) ? value : [value];
		for (const single of values) {
			if (single === undefined || single === null || single === '') continue;
			search.append(key, String(single));
		}
	}
	const text = search.toString();
	return text ? `?${text}` : '';
}

function isAbsoluteUrl(value: string): boolean {
	return /^https?:\/\//i.test(value);
}

/** Seconds or an HTTP date → milliseconds to wait; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
	url?: string;
	code?: string;
	message: string;
}

function normalizeHeaders(headers: unknown): Record<string, string> {
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

function decodeBody(data: unknown): unknown {
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
function describeFailure(error: unknown): HttpFailure {
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

const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

/** Defence in depth: nothing shaped like a bearer token or JWT leaves this module in a message. */
export function redactSecrets(text: string): string {
	return text
		.replace(/Bearer\s+[A-Za-z0-9._~+/-]+=*/gi, 'Bearer [redacted]')
		.replace(JWT_PATTERN, '[redacted]');
}

function redactDeep(value: unknown): unknown {
	if (typeof value === 'string') return redactSecrets(value);
	if (Array.isArray(value)) return value.map(redactDeep);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, child]) => [key, redactDeep(child)]),
		);
	}
	return value;
}

const STATUS_MESSAGES: Record<number, string> = {
	400: 'Dialogporten rejected the request as invalid',
	401: 'Authentication failed: the token was missing, expired or not accepted',
	403: 'Forbidden: the credential is not allowed to do this (check scopes, party access or service resource ownership)',
	404: 'Not found',
	409: 'Conflict',
	410: 'Gone: the dialog has been deleted',
	412: 'Revision mismatch: the dialog was changed since the revision you supplied',
	422: 'Dialogporten could not process the request',
	429: 'Too many requests: Dialogporten is rate limiting',
	500: 'Dialogporten failed with an internal error',
	503: 'Dialogporten is unavailable (maintenance or overload)',
};

/** For the service owner's systems (action endpoints, content URLs). */
const EXTERNAL_STATUS_MESSAGES: Record<number, string> = {
	401: '{service} did not accept the token (401): choose another token to send, or check that it has not expired',
	403: '{service} refused the request (403): the token lacks the access it needs (scope, party or action)',
	404: '{service} does not know this resource (404)',
	429: 'Too many requests: {service} is rate limiting',
	503: '{service} is unavailable (503)',
};

const STATUS_HINTS: Record<number, string> = {
	409: 'Another change happened at the same time, or the idempotent key / ID was already used. Nothing was created or changed.',
	410: 'A service owner can restore a soft-deleted dialog with the Dialog → Restore operation.',
	412: 'The request carried an If-Match revision that no longer matches. Get the dialog again to read its current revision (or choose "Latest (Read First)" for the revision), then retry. Nothing was changed.',
	422: 'For a free-text search, narrow it with "Content Updated After", fewer parties or a service resource.',
};

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

function sameEndpoint(a: string | undefined, b: string): boolean {
	if (!a) return true;
	try {
		const left = new URL(a);
		const right = new URL(b);
		return left.origin === right.origin && left.pathname === right.pathname;
	} catch {
		return true;
	}
}

/** Maps an HTTP failure to a NodeApiError with Altinn's problem details. */
export function toNodeApiError(
	node: INode,
	failure: HttpFailure,
	requestUrl: string,
	itemIndex?: number,
	extraDescription?: string,
	service = 'Dialogporten',
): NodeApiError {
	const status = failure.status;
	const problem = problemDetailsOf(failure.body);
	const target = new URL(requestUrl);
	const fromOtherEndpoint = !sameEndpoint(failure.url, requestUrl);
	let message: string;
	if (status === undefined) {
		message = failure.message || `The request to ${target.host} failed`;
	} else if (fromOtherEndpoint) {
		message = `The request for a token failed (HTTP ${status})`;
	} else {
		const base =
			service === 'Dialogporten'
				? (STATUS_MESSAGES[status] ?? `Request failed with HTTP ${status}`)
				: (EXTERNAL_STATUS_MESSAGES[status] ?? `${service} answered HTTP ${status}`).replace(
						'{service}',
						service,
					);
		message =
			problem?.title && !base.toLowerCase().includes(problem.title.toLowerCase())
				? `${base}: ${problem.title}`
				: base;
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
	if (
		status !== undefined &&
		!fromOtherEndpoint &&
		service === 'Dialogporten' &&
		STATUS_HINTS[status]
	)
		lines.push(STATUS_HINTS[status]);
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

async function send(
	context: AnyContext,
	auth: RequestAuth,
	options: IHttpRequestOptions,
	itemIndex: number | undefined,
): Promise<FullResponse> {
	let raw: { body: unknown; headers: unknown; statusCode: number };
	if (typeof auth === 'string' && auth !== 'none') {
		// Every status but 401 comes back as a response (so its headers, e.g. Retry-After, can be
		// read); a 401 still throws, which is what n8n's credential refresh and retry react to.
		raw = await authenticatedRequest.call(
			context,
			auth,
			{ ...options, ignoreHttpStatusErrors: { ignore: true, except: [401] } },
			itemIndex,
		);
	} else {
		const headers = { ...(options.headers ?? {}) };
		if (typeof auth === 'object') headers.Authorization = `Bearer ${auth.bearerToken}`;
		raw = await context.helpers.httpRequest({ ...options, headers, ignoreHttpStatusErrors: true });
	}
	return { body: raw.body, headers: normalizeHeaders(raw.headers), statusCode: raw.statusCode };
}

/** Resolves the absolute URL of a request and who authenticates it. */
export async function resolveRequestTarget(
	this: AnyContext,
	request: Pick<
		ApiRequest,
		'api' | 'path' | 'qs' | 'baseUrl' | 'auth' | 'credentialType' | 'itemIndex'
	>,
): Promise<{ url: string; auth: RequestAuth }> {
	const absolute = request.api === 'absolute' || isAbsoluteUrl(request.path);
	const auth: RequestAuth =
		request.auth ??
		(request.api === 'metadata' ? 'none' : nodeCredentialType(this, request.itemIndex));
	let url: string;
	if (absolute) {
		if (!isAbsoluteUrl(request.path)) {
			throw new NodeOperationError(this.getNode(), `"${request.path}" is not an http(s) URL`, {
				itemIndex: request.itemIndex,
			});
		}
		url = request.path;
	} else {
		const credentialType =
			request.credentialType ??
			(typeof auth === 'string' && auth !== 'none'
				? auth
				: nodeCredentialType(this, request.itemIndex));
		const endpoints = await getAltinnEndpoints.call(this, credentialType, request.itemIndex);
		const base = endpoints[request.baseUrl ?? 'dialogporten'].replace(/\/+$/, '');
		url = `${base}${request.path.startsWith('/') ? '' : '/'}${request.path}`;
	}
	const query = buildQueryString(request.qs);
	if (query) url += url.includes('?') ? `&${query.slice(1)}` : query;
	return { url, auth };
}

/**
 * Sends one request. Resolves to the body (JSON parsed; a Buffer with `binary`), or the full
 * response with `returnFullResponse`. Waits and retries on 429/503 within the retry policy.
 */
// The body has whatever shape the endpoint returns, as with n8n's own request helpers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function apiRequest(this: AnyContext, request: ApiRequest): Promise<any> {
	const { url, auth } = await resolveRequestTarget.call(this, request);
	const headers: IDataObject = { ...(request.headers ?? {}) };
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		headers,
		returnFullResponse: true,
		json: !request.binary,
	};
	if (request.binary) options.encoding = 'arraybuffer';
	if (request.body !== undefined) options.body = request.body as IHttpRequestOptions['body'];

	// Action endpoints and content URLs belong to the service owner's systems, not Dialogporten.
	const serviceName =
		request.api === 'absolute' || isAbsoluteUrl(request.path) ? new URL(url).host : 'Dialogporten';
	const maxRetries = request.retry?.maxRetries ?? DEFAULT_RETRIES;
	const maxWaitMs = (request.retry?.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS) * 1000;
	for (let attempt = 0; ; attempt++) {
		let failure: HttpFailure;
		try {
			const response = await send(
				this,
				auth,
				{ ...options, headers: { ...headers } },
				request.itemIndex,
			);
			if (response.statusCode < 400) {
				if (request.binary && !Buffer.isBuffer(response.body)) {
					response.body = Buffer.from((response.body ?? '') as ArrayBuffer);
				}
				return request.returnFullResponse ? response : response.body;
			}
			failure = {
				status: response.statusCode,
				headers: response.headers,
				body: decodeBody(response.body),
				url,
				message: '',
			};
		} catch (error) {
			// Bad credential settings and other configuration errors pass through unchanged.
			if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error);
			failure = describeFailure(error);
		}
		if ((failure.status === 429 || failure.status === 503) && sameEndpoint(failure.url, url)) {
			const waitMs = parseRetryAfter(failure.headers['retry-after']) ?? 1000 * 2 ** attempt;
			if (attempt < maxRetries && waitMs <= maxWaitMs) {
				await sleep(waitMs);
				continue;
			}
			const reason =
				attempt >= maxRetries
					? `Gave up after ${attempt + 1} attempts.`
					: `The server asked to wait ${Math.ceil(waitMs / 1000)} s, longer than the ${maxWaitMs / 1000} s this node waits.`;
			throw toNodeApiError(this.getNode(), failure, url, request.itemIndex, reason, serviceName);
		}
		const hint = failure.status !== undefined ? request.errorHints?.[failure.status] : undefined;
		throw toNodeApiError(this.getNode(), failure, url, request.itemIndex, hint, serviceName);
	}
}

/**
 * Follows `continuationToken` until `hasNextPage` is false (or `maxItems` are collected).
 * `request.qs.limit` is the page size (default 1000, the API's maximum).
 */
export async function apiRequestAllItems<T = IDataObject>(
	this: AnyContext,
	request: ApiRequest,
	maxItems?: number,
): Promise<T[]> {
	const items: T[] = [];
	const pageSize = Math.min(1000, Math.max(1, Number(request.qs?.limit ?? 1000)));
	let continuationToken: string | undefined;
	const seenTokens = new Set<string>();
	for (let page = 0; page < MAX_PAGES; page++) {
		const remaining =
			maxItems === undefined ? pageSize : Math.min(pageSize, maxItems - items.length);
		const response = (await apiRequest.call(this, {
			...request,
			qs: { ...request.qs, limit: remaining, continuationToken },
		})) as PaginatedList<T>;
		items.push(...(response?.items ?? []));
		if (!response?.hasNextPage || !response.continuationToken) break;
		if (maxItems !== undefined && items.length >= maxItems) break;
		if (seenTokens.has(response.continuationToken)) break;
		seenTokens.add(response.continuationToken);
		continuationToken = response.continuationToken;
	}
	return maxItems === undefined ? items : items.slice(0, maxItems);
}
