/**
 * How nodes authenticate to Altinn. Nodes call only `getAltinnEndpoints` and
 * `authenticatedRequest`; the credentials call `maskinportenPreAuthentication`. Tokens come from
 * the process-wide TokenService (see tokenService.ts).
 *
 * Maskinporten. n8n caches a preAuthentication token in the credential's hidden expirable field and
 * renews it only when that field is empty or an API answers 401; it never looks at expiry times.
 * So every request here passes n8n the token this process holds for the exact configuration (or
 * one another process persisted, while fresh), or an empty field when there is none or it is within
 * its refresh margin, which makes n8n call preAuthentication now. preAuthentication takes the token
 * from the TokenService, which sends one grant per configuration and lifetime no matter how many
 * requests ask at once. After a 401 n8n calls preAuthentication with the refused token, which is
 * dropped (once, however many requests saw it) and replaced, and n8n retries the request once.
 *
 * ID-porten. n8n's OAuth2 support signs requests and refreshes on 401. With the Altinn exchange on,
 * the exchange call goes through n8n's OAuth2 (so the ID-porten token is added and refreshed), the
 * Altinn token is cached by the ID-porten token it came from, and the API call carries that Altinn
 * token; a 401 leads to one new exchange and one retry.
 */
import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';
import type { AltinnEndpoints } from './environments';
import {
	parseExchangeBody,
	altinnTokenLifetime,
	parseMaskinportenCredential,
	type MaskinportenConfig,
} from './maskinporten';
import {
	idPortenAccessToken,
	idPortenExchangeKey,
	parseIdPortenCredential,
	type IdPortenConfig,
} from './idporten';
import { refreshMargin, type CachedToken } from './tokenCache';
import { getTokenService } from './tokenService';
import { withoutRequest } from './errors';

export type { AltinnEndpoints } from './environments';
export { getTokenService, setTokenService, TokenService } from './tokenService';

export type AltinnCredentialType = 'maskinportenApi' | 'idPortenOAuth2Api';
export type AnyContext =
	IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IPollFunctions | IWebhookFunctions;

/** The hidden fields the Maskinporten credential persists next to its token. */
export interface PersistedTokenFields extends IDataObject {
	accessToken: string;
	/** Milliseconds since the epoch. */
	expiresAt: number;
	refreshAt: number;
	/** The configuration the token belongs to (a hash, see MaskinportenConfig.cacheKey). */
	configFingerprint: string;
}

type CredentialReader = {
	getCredentials<T extends object = ICredentialDataDecryptedObject>(
		type: string,
		itemIndex?: number,
	): Promise<T>;
};

async function readCredential(context: AnyContext, type: AltinnCredentialType, itemIndex?: number) {
	return await (
		context as unknown as CredentialReader
	).getCredentials<ICredentialDataDecryptedObject>(type, itemIndex);
}

function configError(context: AnyContext, error: unknown, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function readMaskinportenConfig(
	context: AnyContext,
	data: ICredentialDataDecryptedObject,
	itemIndex?: number,
): MaskinportenConfig {
	try {
		return parseMaskinportenCredential(data);
	} catch (error) {
		throw configError(context, error, itemIndex);
	}
}

function readIdPortenConfig(
	context: AnyContext,
	data: ICredentialDataDecryptedObject,
	itemIndex?: number,
): IdPortenConfig {
	try {
		return parseIdPortenCredential(data);
	} catch (error) {
		throw configError(context, error, itemIndex);
	}
}

/** Reads the node's credential of that type and returns its Altinn endpoints (Test, Production or Custom). */
export async function getAltinnEndpoints(
	this: AnyContext,
	credentialType: AltinnCredentialType,
	itemIndex?: number,
): Promise<AltinnEndpoints> {
	const data = await readCredential(this, credentialType, itemIndex);
	return credentialType === 'maskinportenApi'
		? readMaskinportenConfig(this, data, itemIndex).endpoints
		: readIdPortenConfig(this, data, itemIndex).endpoints;
}

/**
 * Sends one authenticated request (absolute `options.url`). Errors are n8n's NodeApiError with the
 * HTTP response as cause (the request, which holds the token, is removed from it); bad credential
 * settings are a NodeOperationError raised before anything is sent.
 */
export async function authenticatedRequest(
	this: AnyContext,
	credentialType: AltinnCredentialType,
	options: IHttpRequestOptions,
	itemIndex?: number,
	// The response has whatever shape the request asks for, as with httpRequestWithAuthentication.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<any> {
	return credentialType === 'maskinportenApi'
		? await maskinportenRequest.call(this, options, itemIndex)
		: await idPortenRequest.call(this, options, itemIndex);
}

// ---------------------------------------------------------------- Maskinporten

/** A token persisted by an earlier preAuthentication (possibly in another process), if it fits this configuration. */
function persistedToken(
	data: ICredentialDataDecryptedObject,
	config: MaskinportenConfig,
): CachedToken | undefined {
	const token = typeof data.accessToken === 'string' ? data.accessToken : '';
	const expiresAt = Number(data.expiresAt);
	const refreshAt = Number(data.refreshAt);
	if (token === '' || data.configFingerprint !== config.cacheKey) return undefined;
	if (!Number.isFinite(expiresAt) || !Number.isFinite(refreshAt)) return undefined;
	return { token, expiresAt, refreshAt, obtainedAt: refreshAt - (expiresAt - refreshAt) };
}

async function maskinportenRequest(
	this: AnyContext,
	options: IHttpRequestOptions,
	itemIndex?: number,
): Promise<unknown> {
	const data = await readCredential(this, 'maskinportenApi', itemIndex);
	const config = readMaskinportenConfig(this, data, itemIndex);
	const service = getTokenService();
	let token = service.freshToken(config);
	if (!token) {
		const persisted = persistedToken(data, config);
		if (persisted && service.adoptToken(config, persisted)) token = persisted;
	}
	// An empty token makes n8n run the credential's preAuthentication before sending.
	const credentialData = { ...data, accessToken: token?.token ?? '' };
	const nodeCredential = this.getNode().credentials?.maskinportenApi;
	try {
		return await this.helpers.httpRequestWithAuthentication.call(this, 'maskinportenApi', options, {
			credentialsDecrypted: {
				id: nodeCredential?.id ?? '',
				name: nodeCredential?.name ?? '',
				type: 'maskinportenApi',
				data: credentialData,
			},
		});
	} catch (error) {
		throw withoutRequest(error);
	}
}

/**
 * The Maskinporten credential's preAuthentication. n8n calls it with an empty token (none cached
 * yet), with the token an API just refused (after a 401), or for the credential's Test button.
 */
export async function maskinportenPreAuthentication(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<PersistedTokenFields> {
	const config = parseMaskinportenCredential(credentials);
	const shown = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
	const http = async (options: IHttpRequestOptions) => await this.helpers.httpRequest(options);
	const token = await getTokenService().maskinportenAccessToken(
		http,
		config,
		shown === '' ? undefined : shown,
	);
	return {
		accessToken: token.token,
		expiresAt: token.expiresAt,
		refreshAt: token.refreshAt,
		configFingerprint: config.cacheKey,
	};
}

// ---------------------------------------------------------------- ID-porten

const renewals = new Map<string, Promise<unknown>>();

async function idPortenRequest(
	this: AnyContext,
	options: IHttpRequestOptions,
	itemIndex?: number,
): Promise<unknown> {
	let data = await readCredential(this, 'idPortenOAuth2Api', itemIndex);
	const config = readIdPortenConfig(this, data, itemIndex);
	let source = readIdPortenToken(this, data, itemIndex);
	if (!config.exchange) {
		try {
			return await this.helpers.httpRequestWithAuthentication.call(
				this,
				'idPortenOAuth2Api',
				options,
			);
		} catch (error) {
			throw withoutRequest(error);
		}
	}
	const service = getTokenService();
	let key = idPortenExchangeKey(config, source.accessToken);
	if (!service.altinn.fresh(key) && source.expiresAt !== undefined) {
		// The exchanged token expires with the ID-porten token it came from, so an ID-porten token
		// inside its refresh margin is renewed first; otherwise the new Altinn token would be as
		// short-lived as the old one.
		const lifetime = source.issuedAt !== undefined ? source.expiresAt - source.issuedAt : 120_000;
		if (service.now() >= source.expiresAt - refreshMargin(lifetime)) {
			// One renewal per ID-porten token in this process: a refresh token may be single-use.
			const renewing =
				renewals.get(key) ?? this.helpers.refreshOAuth2Token.call(this, 'idPortenOAuth2Api');
			renewals.set(key, renewing);
			try {
				await renewing;
			} finally {
				renewals.delete(key);
			}
			data = await readCredential(this, 'idPortenOAuth2Api', itemIndex);
			source = readIdPortenToken(this, data, itemIndex);
			key = idPortenExchangeKey(config, source.accessToken);
		}
	}
	const exchange = async () => await exchangeIdPortenToken.call(this, config, itemIndex);
	const altinnToken = await service.idPortenAltinnToken(key, exchange);
	const first = await sendWithAltinnToken.call(this, options, altinnToken.token);
	if (first.ok) return first.response;
	if (first.status !== 401) throw first.error;
	const renewed = await service.idPortenAltinnToken(key, exchange, altinnToken.token);
	const second = await sendWithAltinnToken.call(this, options, renewed.token);
	if (second.ok) return second.response;
	throw second.error;
}

function readIdPortenToken(
	context: AnyContext,
	data: ICredentialDataDecryptedObject,
	itemIndex?: number,
) {
	try {
		return idPortenAccessToken(data);
	} catch (error) {
		throw configError(context, error, itemIndex);
	}
}

/** Exchanges the credential's ID-porten token; n8n's OAuth2 support adds it and refreshes it on 401. */
async function exchangeIdPortenToken(this: AnyContext, config: IdPortenConfig, itemIndex?: number) {
	const started = getTokenService().now();
	let body: unknown;
	try {
		body = await this.helpers.httpRequestWithAuthentication.call(this, 'idPortenOAuth2Api', {
			method: 'GET',
			url: config.exchangeUrl,
			headers: { Accept: 'application/json' },
			encoding: 'text',
			json: false,
		});
	} catch (error) {
		throw exchangeFailure(this, error, itemIndex);
	}
	const token = parseExchangeBody(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
	if (!token) {
		throw new NodeApiError(this.getNode(), { message: 'not a token' } as JsonObject, {
			message: 'The Altinn token exchange answered with something that is not a token',
			itemIndex,
		});
	}
	return altinnTokenLifetime(token, started);
}

function statusOf(error: unknown): number | undefined {
	const e = error as {
		httpCode?: unknown;
		cause?: { response?: { status?: unknown } };
		response?: { status?: unknown };
	};
	const status = Number(e?.httpCode ?? e?.cause?.response?.status ?? e?.response?.status);
	return Number.isFinite(status) && status > 0 ? status : undefined;
}

function exchangeFailure(context: AnyContext, error: unknown, itemIndex?: number): NodeApiError {
	const status = statusOf(error);
	const description =
		status === 403
			? "Altinn exchanges an ID-porten token only when it carries an altinn: scope (for example altinn:portal/enduser): add one to the client in Samarbeidsportalen and to the credential's Scope, then reconnect."
			: undefined;
	// A new error, so the request (which carries the ID-porten token) is not passed on.
	return new NodeApiError(
		context.getNode(),
		{ message: 'exchange failed', ...(status ? { httpCode: String(status) } : {}) } as JsonObject,
		{
			message: `The Altinn token exchange refused the ID-porten token${status ? ` (HTTP ${status})` : ''}`,
			description: description ?? (error as { description?: string })?.description ?? undefined,
			httpCode: status ? String(status) : undefined,
			itemIndex,
		},
	);
}

type SendResult =
	{ ok: true; response: unknown } | { ok: false; status?: number; error: NodeApiError };

/**
 * Sends the API call with the exchanged Altinn token. n8n's own authentication cannot do this: its
 * OAuth2 support would sign the request with the ID-porten token, and no credential field holds the
 * Altinn token (it is per ID-porten token and lives only in this process's cache). So the bearer is
 * set here, and errors are wrapped the way httpRequestWithAuthentication wraps them.
 */
async function sendWithAltinnToken(
	this: AnyContext,
	options: IHttpRequestOptions,
	token: string,
): Promise<SendResult> {
	try {
		const response = await this.helpers.httpRequest({
			...options,
			headers: { ...(options.headers ?? {}), Authorization: `Bearer ${token}` },
		});
		return { ok: true, response };
	} catch (error) {
		const status = statusOf(error);
		return {
			ok: false,
			status,
			error: withoutRequest(new NodeApiError(this.getNode(), error as JsonObject)),
		};
	}
}
