/**
 * The ID-porten credential's configuration. n8n's OAuth2 support does the authorization code + PKCE
 * flow, stores the tokens and refreshes them; this module only adds what Altinn needs on top: the
 * environment's endpoints and the optional exchange to an Altinn token.
 */
import { createHash } from 'node:crypto';
import { UserError, type ICredentialDataDecryptedObject } from 'n8n-workflow';
import {
	altinnEndpoints,
	exchangeUrl,
	parseEnvironment,
	type AltinnEndpoints,
	type AltinnEnvironment,
} from './environments';
import { decodeJwtPayload } from './http';

export interface IdPortenConfig {
	environment: AltinnEnvironment;
	endpoints: AltinnEndpoints;
	exchange: boolean;
	exchangeUrl: string;
}

export function parseIdPortenCredential(data: ICredentialDataDecryptedObject): IdPortenConfig {
	const environment = parseEnvironment(data.environment);
	const endpoints = altinnEndpoints(environment, data);
	return {
		environment,
		endpoints,
		exchange: data.exchangeToAltinn === true,
		exchangeUrl: exchangeUrl(endpoints.platform, 'id-porten'),
	};
}

export interface IdPortenTokenInfo {
	accessToken: string;
	/** Milliseconds since the epoch, when known. */
	expiresAt?: number;
	issuedAt?: number;
}

/** The stored ID-porten access token and, when it can be told, its lifetime. */
export function idPortenAccessToken(data: ICredentialDataDecryptedObject): IdPortenTokenInfo {
	const tokenData = data.oauthTokenData as Record<string, unknown> | undefined;
	const accessToken = typeof tokenData?.access_token === 'string' ? tokenData.access_token : '';
	if (accessToken === '') {
		throw new UserError(
			'The ID-porten credential is not connected: open it and click "Connect my account"',
		);
	}
	const payload = decodeJwtPayload(accessToken);
	const exp = Number(payload?.exp);
	const iat = Number(payload?.iat);
	const storedExpiry = Number(tokenData?.n8n_expires_at);
	return {
		accessToken,
		expiresAt: Number.isFinite(exp)
			? exp * 1000
			: Number.isFinite(storedExpiry)
				? storedExpiry
				: undefined,
		issuedAt: Number.isFinite(iat) ? iat * 1000 : undefined,
	};
}

/**
 * The first n8n release that keeps the Scope entered in a community OAuth2 credential when it
 * connects an account. Older releases (the whole 1.x line too) keep it only for n8n's own generic
 * OAuth2 credentials and ask the authorization server for the credential type's default scope.
 */
export const N8N_KEEPS_CUSTOM_OAUTH2_SCOPE_SINCE = '2.20';

const DEFAULT_ID_PORTEN_SCOPE = 'openid digdir:dialogporten';

// Scopes of the login itself (the id token), which an access token's scope need not repeat.
const LOGIN_SCOPES = ['openid', 'profile'];

const scopeList = (value: unknown): string[] =>
	typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];

/**
 * The scopes the credential asks for that its stored ID-porten token does not carry. The token
 * response's `scope` (what n8n stored when it connected or refreshed) says what was granted, else
 * the access token's own `scope` claim; when neither says, nothing is reported missing. `openid`
 * and `profile` concern the login, not the APIs, and are not compared.
 */
export function missingIdPortenScopes(data: ICredentialDataDecryptedObject): string[] {
	const tokenData = data.oauthTokenData as Record<string, unknown> | undefined;
	let granted = scopeList(tokenData?.scope);
	if (granted.length === 0 && typeof tokenData?.access_token === 'string')
		granted = scopeList(decodeJwtPayload(tokenData.access_token)?.scope);
	if (granted.length === 0) return [];
	return scopeList(data.scope).filter(
		(scope) => !LOGIN_SCOPES.includes(scope) && !granted.includes(scope),
	);
}

/**
 * Refuses a stored ID-porten token that lacks scopes the credential asks for, naming them and the
 * likely cause, instead of letting Altinn refuse the exchange or a content API later with a bare 403.
 */
export function assertIdPortenScopesGranted(data: ICredentialDataDecryptedObject): void {
	const missing = missingIdPortenScopes(data);
	if (missing.length === 0) return;
	const list = missing.join(' ');
	throw new UserError(
		`The ID-porten token lacks scope${missing.length === 1 ? '' : 's'} the credential asks for: ${list}`,
		{
			description:
				`n8n releases before ${N8N_KEEPS_CUSTOM_OAUTH2_SCOPE_SINCE} connect a community OAuth2 credential with its default scope ("${DEFAULT_ID_PORTEN_SCOPE}") instead of the Scope entered, so ID-porten never granted ${list}: ` +
				`upgrade n8n to ${N8N_KEEPS_CUSTOM_OAUTH2_SCOPE_SINCE} or later and reconnect the credential. ` +
				'On a newer n8n, the Scope was changed after the account was connected: reconnect the credential.',
		},
	);
}

/** ID-porten's levels of assurance, lowest first (the older names as ID-porten maps them). */
const SECURITY_LEVELS: Record<string, number> = {
	'idporten-loa-substantial': 1,
	Level3: 1,
	'idporten-loa-high': 2,
	Level4: 2,
};

/**
 * Refuses a stored login below the credential's Security Level. The level reached is the `acr` of
 * the ID token n8n stored, else of the access token; ID-porten may log a person in higher than asked,
 * never lower, so a lower one means the login was made with another setting (the Security Level
 * was raised after connecting) or did not come from ID-porten as configured.
 */
export function assertIdPortenSecurityLevel(data: ICredentialDataDecryptedObject): void {
	const wanted = typeof data.acrValues === 'string' ? data.acrValues : '';
	const tokenData = data.oauthTokenData as Record<string, unknown> | undefined;
	const claims = [tokenData?.id_token, tokenData?.access_token]
		.filter((t): t is string => typeof t === 'string')
		.map((t) => decodeJwtPayload(t)?.acr)
		.filter((acr): acr is string => typeof acr === 'string');
	const reached = claims[0];
	if (!reached || !(wanted in SECURITY_LEVELS)) return;
	if ((SECURITY_LEVELS[reached] ?? 0) >= SECURITY_LEVELS[wanted]) return;
	throw new UserError(
		`The ID-porten login has security level ${reached}, below the credential's Security Level ${wanted}`,
		{
			description:
				'The account was connected with a lower Security Level than the credential now asks for: reconnect the credential ("Connect my account") so ID-porten asks for the level chosen.',
		},
	);
}

/** Cache key of the Altinn token exchanged from one ID-porten access token (a hash, never the token). */
export function idPortenExchangeKey(config: IdPortenConfig, accessToken: string): string {
	const tokenHash = createHash('sha256').update(accessToken).digest('hex');
	return `idporten:${createHash('sha256')
		.update(JSON.stringify([config.exchangeUrl, tokenHash]))
		.digest('hex')
		.slice(0, 40)}`;
}

/**
 * The error for a refresh ID-porten refused: the sign-in has ended, and only reconnecting the
 * credential helps (ID-porten keeps a consent for up to 90 days; a person can withdraw it sooner).
 * n8n's OAuth2 client raises the refusal with code `EAUTH` and the token endpoint's answer as
 * `body`; n8n's request helper passes it on as a NodeApiError with httpCode `EAUTH`.
 */
export function refreshRefusal(error: unknown): UserError | undefined {
	for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		const { code, httpCode, body, message } = e as {
			code?: unknown;
			httpCode?: unknown;
			message?: unknown;
			body?: { error?: unknown; error_description?: unknown };
		};
		if (code !== 'EAUTH' && httpCode !== 'EAUTH') continue;
		const answer =
			typeof body?.error === 'string'
				? [body.error, body.error_description].filter((v) => typeof v === 'string').join(': ')
				: `"${String(message)}"`;
		return new UserError('ID-porten refused to renew the sign-in of this credential', {
			description:
				`ID-porten answered ${answer}. The sign-in has ended: ID-porten keeps a consent for up to 90 days, and the person can withdraw it sooner. ` +
				'Open the credential and reconnect the credential ("Connect my account"), signing in as the same person.',
		});
	}
	return undefined;
}
