/**
 * Sends one request to Altinn: resolves the base URL from the node's credential, authenticates
 * through ../auth (or with a dialog token, or not at all for the anonymous metadata endpoints and
 * the service owner's own URLs), sends query arrays as repeated keys, waits and retries on 429/503
 * as `Retry-After` says (bounded; every request of the same node run waits with it), and throws
 * failures as NodeApiError (errors.ts).
 */
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';
import {
	authenticatedRequest,
	readAltinnCredential,
	type AltinnCredentialType,
	type AltinnEndpoints,
	type AnyContext,
} from '../auth';
import { DIALOGPORTEN_SERVICE } from '../helpers/errorMessages';
import {
	decodeBody,
	describeFailure,
	normalizeHeaders,
	sameEndpoint,
	toNodeApiError,
	type HttpFailure,
} from './errors';
import { followRedirect, type RedirectCheck } from './redirects';
import {
	parseRetryAfter,
	pauseRequests,
	retryLimits,
	waitForPause,
	type RetryPolicy,
} from './retry';

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
	baseUrl?: Exclude<keyof AltinnEndpoints, 'inbox'>;
	/** Default: the node's `authentication` parameter; `none` for `metadata`. */
	auth?: RequestAuth;
	/** The credential that supplies the base URLs when `auth` is not a credential type. */
	credentialType?: AltinnCredentialType;
	/** Bounds for 429/503 handling. */
	retry?: RetryPolicy;
	/** Extra explanation added to the error of a given HTTP status (e.g. which idempotent key clashed). */
	errorHints?: Partial<Record<number, string>>;
	/**
	 * For a credential token sent to a URL a dialog names: n8n's HTTP client would send the
	 * Authorization header along a redirect to any host, so redirects are followed here instead,
	 * for GET and HEAD only, and only to URLs this check allows (it returns why not).
	 */
	redirects?: RedirectCheck;
}

export interface FullResponse<T = unknown> {
	body: T;
	headers: Record<string, string>;
	statusCode: number;
}

const CREDENTIAL_TYPES: readonly AltinnCredentialType[] = ['maskinportenApi', 'idPortenOAuth2Api'];

function isExecuteContext(context: AnyContext): context is IExecuteFunctions {
	return 'getInputData' in context && 'continueOnFail' in context;
}

/**
 * Parameters the editor offers no expression for, so that one value holds for every item. Read
 * once per node run: each read through n8n costs about as much as a small expression.
 */
const ITEM_INVARIANT = new Set(['api', 'authentication', 'resource', 'operation']);
const invariantValues = new WeakMap<object, Map<string, unknown>>();
/** Runs in which one of those parameters holds an expression after all: read for each item. */
const ITEM_VARIANT_IN = new WeakSet<object>();

/** Reads a node parameter the way each kind of n8n context allows; '' when it does not exist. */
export function readNodeParameter(this: AnyContext, name: string, itemIndex = 0): unknown {
	if (!ITEM_INVARIANT.has(name) || ITEM_VARIANT_IN.has(this))
		return readParameter.call(this, name, itemIndex);
	let known = invariantValues.get(this);
	if (known?.has(name)) return known.get(name);
	// getNode() copies the whole node, so this is looked at once per run, not per read.
	const { parameters } = this.getNode();
	const raw: unknown = parameters?.[name];
	// A value imported as an expression ("=…") is read for each item.
	if (parameters === undefined || (typeof raw === 'string' && raw.startsWith('='))) {
		ITEM_VARIANT_IN.add(this);
		return readParameter.call(this, name, itemIndex);
	}
	const value = readParameter.call(this, name, itemIndex);
	if (!known) invariantValues.set(this, (known = new Map()));
	known.set(name, value);
	return value;
}

function readParameter(this: AnyContext, name: string, itemIndex: number): unknown {
	try {
		return isExecuteContext(this)
			? this.getNodeParameter(name, itemIndex, '')
			: (this as ILoadOptionsFunctions).getNodeParameter(name, '');
	} catch {
		return '';
	}
}

/** The Altinn credential type the node is configured with (its `authentication` parameter). */
export function nodeCredentialType(this: AnyContext, itemIndex = 0): AltinnCredentialType {
	const value = readNodeParameter.call(this, 'authentication', itemIndex);
	return CREDENTIAL_TYPES.includes(value as AltinnCredentialType)
		? (value as AltinnCredentialType)
		: 'maskinportenApi';
}

/**
 * The query without empty values (undefined, null, '' and empty lists, also inside lists). n8n
 * sends what is left with `arrayFormat: 'repeat'`, so a list becomes repeated keys.
 */
export function queryParameters(qs: QueryParameters | undefined): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(qs ?? {})) {
		const values = (Array.isArray(value) ? value : [value]).filter(
			(single) => single !== undefined && single !== null && single !== '',
		);
		if (values.length === 0) continue;
		// An own property even for a key like "__proto__", which plain assignment would not create.
		Object.defineProperty(result, key, {
			value: Array.isArray(value) ? values : values[0],
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return result;
}

function isAbsoluteUrl(value: string): boolean {
	return /^https?:\/\//i.test(value);
}

async function send(
	this: AnyContext,
	auth: RequestAuth,
	options: IHttpRequestOptions,
	itemIndex: number | undefined,
	credential?: ICredentialDataDecryptedObject,
): Promise<FullResponse> {
	let raw: { body: unknown; headers: unknown; statusCode: number };
	if (typeof auth === 'string' && auth !== 'none') {
		// Every status but 401 comes back as a response (so its headers, e.g. Retry-After, can be
		// read); a 401 still throws, which is what n8n's credential refresh and retry react to.
		raw = await authenticatedRequest.call(
			this,
			auth,
			{ ...options, ignoreHttpStatusErrors: { ignore: true, except: [401] } },
			itemIndex,
			credential,
		);
		if (raw.statusCode === 401) {
			// n8n 2.8 and older (the 1.x line too) read any ignoreHttpStatusErrors object as "ignore every
			// status", so the 401 came back as a response and n8n renewed nothing. Sent once more without
			// it, the 401 throws, and n8n renews the token (OAuth2 refresh, preAuthentication) and retries.
			raw = await authenticatedRequest.call(this, auth, { ...options }, itemIndex);
		}
	} else {
		const headers = { ...(options.headers ?? {}) };
		if (typeof auth === 'object') headers.Authorization = `Bearer ${auth.bearerToken}`;
		raw = await this.helpers.httpRequest({ ...options, headers, ignoreHttpStatusErrors: true });
	}
	return { body: raw.body, headers: normalizeHeaders(raw.headers), statusCode: raw.statusCode };
}

/**
 * Resolves the absolute URL of a request (without its query) and who authenticates it, with the
 * credential data read for the base URL (sent along with the first attempt, not read twice).
 */
export async function resolveRequestTarget(
	this: AnyContext,
	request: Pick<ApiRequest, 'api' | 'path' | 'baseUrl' | 'auth' | 'credentialType' | 'itemIndex'>,
): Promise<{
	url: string;
	auth: RequestAuth;
	credential?: ICredentialDataDecryptedObject;
	/** The credential's Altinn endpoints; absent for an absolute URL. */
	endpoints?: AltinnEndpoints;
}> {
	const absolute = request.api === 'absolute' || isAbsoluteUrl(request.path);
	const auth: RequestAuth =
		request.auth ??
		(request.api === 'metadata' ? 'none' : nodeCredentialType.call(this, request.itemIndex));
	if (absolute) {
		if (!isAbsoluteUrl(request.path)) {
			throw new NodeOperationError(this.getNode(), `"${request.path}" is not an http(s) URL`, {
				itemIndex: request.itemIndex,
			});
		}
		return { url: request.path, auth };
	}
	const credentialType =
		request.credentialType ??
		(typeof auth === 'string' && auth !== 'none'
			? auth
			: nodeCredentialType.call(this, request.itemIndex));
	const { data, endpoints } = await readAltinnCredential.call(
		this,
		credentialType,
		request.itemIndex,
	);
	const base = endpoints[request.baseUrl ?? 'dialogporten'].replace(/\/+$/, '');
	const url = `${base}${request.path.startsWith('/') ? '' : '/'}${request.path}`;
	return { url, auth, credential: auth === credentialType ? data : undefined, endpoints };
}

/**
 * Sends one request. Resolves to the body (JSON parsed; a Buffer with `binary`), or the full
 * response with `returnFullResponse`. Waits and retries on 429/503 within the retry policy.
 */
// The body has whatever shape the endpoint returns, as with n8n's own request helpers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function apiRequest(this: AnyContext, request: ApiRequest): Promise<any> {
	const target = await resolveRequestTarget.call(this, request);
	let url = target.url;
	const { auth } = target;
	// Later attempts (after a 429/503 wait or a redirect) read the credential afresh.
	let credential = target.credential;
	const headers: IDataObject = { ...(request.headers ?? {}) };
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		qs: queryParameters(request.qs),
		arrayFormat: 'repeat',
		headers,
		returnFullResponse: true,
		json: !request.binary,
	};
	if (request.binary) options.encoding = 'arraybuffer';
	if (request.body !== undefined) options.body = request.body as IHttpRequestOptions['body'];
	if (request.redirects) options.disableFollowRedirect = true;
	let redirected = 0;

	// Action endpoints and content URLs belong to the service owner's systems, not Dialogporten.
	const serviceName =
		request.api === 'absolute' || isAbsoluteUrl(request.path)
			? new URL(url).host
			: DIALOGPORTEN_SERVICE;
	const { maxRetries, maxWaitMs } = retryLimits(request.retry);
	for (let attempt = 0; ; attempt++) {
		let failure: HttpFailure;
		await waitForPause(this);
		const readForThisAttempt = credential;
		credential = undefined;
		try {
			const response = await send.call(
				this,
				auth,
				{ ...options, url, headers: { ...headers } },
				request.itemIndex,
				readForThisAttempt,
			);
			const location = response.headers.location;
			if (
				request.redirects &&
				response.statusCode >= 300 &&
				response.statusCode < 400 &&
				location
			) {
				url = followRedirect.call(this, request, url, location, ++redirected);
				options.qs = {};
				attempt--;
				continue;
			}
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
				pauseRequests(this, waitMs);
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
