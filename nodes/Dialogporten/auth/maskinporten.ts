/**
 * The Maskinporten credential's configuration (validated in full before any request), the token
 * request, and the Altinn token exchange.
 */
import { createHash } from 'node:crypto';
import {
	OperationalError,
	UserError,
	sleep,
	type ICredentialDataDecryptedObject,
} from 'n8n-workflow';
import {
	MASKINPORTEN,
	altinnEndpoints,
	exchangeUrl,
	parseEnvironment,
	requireUrl,
	type AltinnEndpoints,
	type AltinnEnvironment,
} from './environments';
import { buildGrant, type MaskinportenGrantType } from './grant';
import {
	decodeJwtPayload,
	isJwt,
	parseJsonObject,
	redactSecrets,
	requestText,
	summarizeProblem,
	type HttpRequest,
} from './http';
import {
	parseAlgorithm,
	parseCertificateKey,
	parseJwkKey,
	type SigningAlgorithm,
	type SigningKey,
} from './keys';
import type { FetchedToken } from './tokenCache';
import { parseExternalRef, parseOrgNumber, parseScopes } from './validation';

export interface MaskinportenConfig {
	environment: AltinnEnvironment;
	tokenUrl: string;
	/** The Maskinporten issuer, sent as the grant's `aud`. */
	audience: string;
	endpoints: AltinnEndpoints;
	clientId: string;
	grantType: MaskinportenGrantType;
	scopes: string[];
	systemUserOrg?: string;
	externalRef?: string;
	consumerOrg?: string;
	algorithm: SigningAlgorithm;
	key: SigningKey;
	exchange: boolean;
	altinnTestOrg: boolean;
	/** Where the exchange happens, when `exchange` is on. */
	exchangeUrl: string;
	/** Identifies the Maskinporten token: a hash of everything that changes it, never a secret. */
	maskinportenKey: string;
	/** Identifies the token requests are sent with (the Altinn token when exchange is on). */
	cacheKey: string;
}

function parseGrantType(value: unknown): MaskinportenGrantType {
	if (value === undefined || value === null || value === '') return 'client';
	if (value === 'client' || value === 'systemUser' || value === 'supplier') return value;
	throw new UserError(
		`Unknown grant type "${String(value)}": choose Client, System User or Supplier`,
	);
}

function hash(parts: unknown[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}

/** Reads and checks the whole credential. Throws a UserError naming the field on the first problem. */
export function parseMaskinportenCredential(
	data: ICredentialDataDecryptedObject,
	now = Date.now(),
): MaskinportenConfig {
	const environment = parseEnvironment(data.environment);
	const tokenUrl =
		environment === 'custom'
			? requireUrl(data.tokenUrl, 'Token URL')
			: MASKINPORTEN[environment].tokenUrl;
	let audience: string;
	if (environment === 'custom') {
		const text = typeof data.audience === 'string' ? data.audience.trim() : '';
		if (text === '')
			throw new UserError(
				'Audience (the Maskinporten issuer) is required when the environment is Custom',
			);
		audience = text;
	} else {
		audience = MASKINPORTEN[environment].issuer;
	}
	const endpoints = altinnEndpoints(environment, data);
	const clientId = typeof data.clientId === 'string' ? data.clientId.trim() : '';
	if (clientId === '')
		throw new UserError('Client ID is required (the integration id from Samarbeidsportalen)');
	const grantType = parseGrantType(data.grantType);
	const scopes = parseScopes(data.scopes);
	const systemUserOrg =
		grantType === 'systemUser'
			? parseOrgNumber(data.systemUserOrg, 'System User Organization')
			: undefined;
	const externalRef = grantType === 'systemUser' ? parseExternalRef(data.externalRef) : undefined;
	const consumerOrg =
		grantType === 'supplier'
			? parseOrgNumber(data.consumerOrg, 'Consumer Organization')
			: undefined;
	const algorithm = parseAlgorithm(data.algorithm);
	const keyType = data.keyType ?? 'jwk';
	let key: SigningKey;
	if (keyType === 'jwk') key = parseJwkKey(data.privateJwk, data.keyId);
	else if (keyType === 'certificate')
		key = parseCertificateKey(data.certificateChain, data.privateKey, now);
	else
		throw new UserError(
			`Unknown key type "${String(keyType)}": choose JWK or Business Certificate`,
		);
	const exchange = data.exchangeToAltinnToken === true;
	const altinnTestOrg = exchange && data.altinnTestOrg === true;
	const exchangeAt = exchangeUrl(endpoints.platform, 'maskinporten', altinnTestOrg);
	const maskinportenKey = `maskinporten:${hash([
		environment,
		tokenUrl,
		audience,
		clientId,
		key.fingerprint,
		'kid' in key.header ? key.header.kid : 'x5c',
		algorithm,
		[...scopes].sort(),
		grantType,
		systemUserOrg ?? null,
		externalRef ?? null,
		consumerOrg ?? null,
	])}`;
	const cacheKey = exchange ? `altinn:${hash([maskinportenKey, exchangeAt])}` : maskinportenKey;
	return {
		environment,
		tokenUrl,
		audience,
		endpoints,
		clientId,
		grantType,
		scopes,
		systemUserOrg,
		externalRef,
		consumerOrg,
		algorithm,
		key,
		exchange,
		altinnTestOrg,
		exchangeUrl: exchangeAt,
		maskinportenKey,
		cacheKey,
	};
}

/** What to check for each Maskinporten error, by the MP code or text in its description. */
const HINTS: Array<[RegExp, string]> = [
	[
		/MP-303|invalid_altinn_customer_configuration/i,
		"The system user was not found. System User Organization must be the organization that owns the system user (for an agent system user: the agent, not its client); External Reference must equal the one in the system user request; and the client id must be registered on the system in Altinn's system register.",
	],
	[
		/MP-30[12]/i,
		'The authorization_details were refused: check External Reference (a-z, A-Z, 0-9, æøå, _ and -, at most 255 characters).',
	],
	[
		/MP-251|MP-250|not delegated|not been granted/i,
		'The consumer organization has not delegated (or been granted) the scope to this client. Check the API delegation in Altinn.',
	],
	[
		/MP-20[01]|invalid_scope/i,
		'A scope is not registered on the client in Samarbeidsportalen (or is not allowed for Maskinporten).',
	],
	[
		/Unknown key identifier|\bkid\b/i,
		'The key id (kid) is not registered on this client: upload the public JWK to the client in Samarbeidsportalen, or correct Key ID.',
	],
	[
		/MP-121|Expired key/i,
		'The registered key has expired (keys live one year): register a new key.',
	],
	[
		/MP-120|MP-122|invalid certificate/i,
		'The business certificate was refused: test certificates work only in Test and production certificates only in Production, and the certificate must belong to the organization that owns the client.',
	],
	[
		/MP-124|signature/i,
		'The signature did not verify: the private key does not match the key registered on the client.',
	],
	[
		/MP-110|claim aud/i,
		'Wrong audience: the environment (Test or Production) does not match the client, or Custom has a wrong Audience.',
	],
	[
		/MP-100|Client not found|Client authentication failed/i,
		'Check the Client ID and that the client exists in this environment (Test clients do not exist in Production and the other way round).',
	],
	[
		/MP-012|used before/i,
		'The grant was reused; this happens when two systems share one grant or the clock is wrong.',
	],
	[
		/MP-130|expired|Issue time|iat/i,
		"The grant time was refused: check that this machine's clock is correct (Maskinporten allows 10 seconds of difference).",
	],
];

function hintFor(text: string): string | undefined {
	return HINTS.find(([pattern]) => pattern.test(text))?.[1];
}

export interface MaskinportenTokenResponse extends FetchedToken {
	scope?: string;
}

const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);

/** Signs a fresh grant and exchanges it at the Maskinporten token endpoint. */
export async function requestMaskinportenToken(
	http: HttpRequest,
	config: MaskinportenConfig,
	now: () => number,
): Promise<MaskinportenTokenResponse> {
	for (let attempt = 1; ; attempt++) {
		const started = now();
		const assertion = buildGrant({ ...config, now: started });
		const response = await requestText(http, 'Maskinporten', {
			method: 'POST',
			url: config.tokenUrl,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams({
				grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
				assertion,
			}).toString(),
		});
		if (response.statusCode >= 200 && response.statusCode < 300) {
			const body = parseJsonObject(response.body);
			const accessToken = typeof body?.access_token === 'string' ? body.access_token : '';
			if (accessToken === '') {
				throw new OperationalError(
					`Maskinporten answered HTTP ${response.statusCode} without an access_token`,
				);
			}
			const expiresIn = Number(body?.expires_in);
			const jwtExp = Number(decodeJwtPayload(accessToken)?.exp);
			const expiresAt =
				Number.isFinite(expiresIn) && expiresIn > 0
					? started + expiresIn * 1000
					: Number.isFinite(jwtExp)
						? jwtExp * 1000
						: started + 60_000;
			return {
				token: accessToken,
				expiresAt,
				issuedAt: started,
				scope: typeof body?.scope === 'string' ? body.scope : undefined,
			};
		}
		if (TRANSIENT_STATUS.has(response.statusCode) && attempt < 2) {
			await sleep(1000);
			continue;
		}
		throw maskinportenRefusal(response.statusCode, response.body, [assertion]);
	}
}

function maskinportenRefusal(
	status: number,
	body: string,
	secrets: string[],
): UserError | OperationalError {
	const error = parseJsonObject(body);
	const code = typeof error?.error === 'string' ? error.error : undefined;
	const description =
		typeof error?.error_description === 'string'
			? redactSecrets(error.error_description, secrets)
			: undefined;
	if (code || description) {
		const text = `${code ?? ''} ${description ?? ''}`;
		return new UserError(
			`Maskinporten refused the token request (HTTP ${status}): ${[code, description].filter(Boolean).join(': ')}`,
			{ description: hintFor(text) },
		);
	}
	const summary = redactSecrets(summarizeProblem(body), secrets);
	const message = `Maskinporten answered HTTP ${status}${summary ? `: ${summary}` : ''}`;
	return status >= 500 || status === 429 ? new OperationalError(message) : new UserError(message);
}

export type ExchangeResult =
	| { ok: true; token: FetchedToken }
	| { ok: false; status: number; error: UserError | OperationalError };

/**
 * Exchanges a Maskinporten or ID-porten access token for an Altinn token. The body is the token as
 * a string, raw or JSON-quoted depending on content negotiation; both are accepted. The Altinn
 * token is cached by its own `exp`.
 */
export async function exchangeForAltinnToken(
	http: HttpRequest,
	url: string,
	bearer: string,
	source: 'Maskinporten' | 'ID-porten',
	now: () => number,
): Promise<ExchangeResult> {
	const started = now();
	const response = await requestText(http, 'the Altinn token exchange', {
		method: 'GET',
		url,
		headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' },
	});
	if (response.statusCode >= 200 && response.statusCode < 300) {
		const token = parseExchangeBody(response.body);
		if (!token) {
			return {
				ok: false,
				status: response.statusCode,
				error: new OperationalError(
					'The Altinn token exchange answered with something that is not a token',
				),
			};
		}
		return { ok: true, token: altinnTokenLifetime(token, started) };
	}
	return {
		ok: false,
		status: response.statusCode,
		error: exchangeRefusal(response.statusCode, response.body, source, [bearer]),
	};
}

export function parseExchangeBody(body: string): string | undefined {
	let text = body.trim();
	if (text.startsWith('"')) {
		try {
			const unquoted: unknown = JSON.parse(text);
			text = typeof unquoted === 'string' ? unquoted.trim() : '';
		} catch {
			return undefined;
		}
	}
	return isJwt(text) ? text : undefined;
}

export function altinnTokenLifetime(token: string, started: number): FetchedToken {
	const payload = decodeJwtPayload(token);
	const exp = Number(payload?.exp);
	const iat = Number(payload?.iat);
	return {
		token,
		// Without an exp (never seen from Altinn) the token is treated as short-lived.
		expiresAt: Number.isFinite(exp) ? exp * 1000 : started + 60_000,
		issuedAt: Number.isFinite(iat) ? iat * 1000 : started,
	};
}

function exchangeRefusal(
	status: number,
	body: string,
	source: 'Maskinporten' | 'ID-porten',
	secrets: string[],
) {
	const summary = redactSecrets(summarizeProblem(body), secrets);
	const detail = summary ? `: ${summary}` : '';
	if (status === 401) {
		return new UserError(
			`The Altinn token exchange rejected the ${source} token (HTTP 401)${detail}`,
		);
	}
	if (status === 403) {
		return new UserError(
			`The Altinn token exchange refused the ${source} token (HTTP 403)${detail}`,
			{
				description:
					source === 'ID-porten'
						? 'Altinn exchanges an ID-porten token only when it carries an altinn: scope (for example altinn:portal/enduser): add one to the client in Samarbeidsportalen and to Scope, then reconnect.'
						: "Altinn refused the token: check that the client's organization is allowed the scopes it asked for.",
			},
		);
	}
	const message = `The Altinn token exchange answered HTTP ${status}${detail}`;
	return status >= 500 || status === 429 ? new OperationalError(message) : new UserError(message);
}
