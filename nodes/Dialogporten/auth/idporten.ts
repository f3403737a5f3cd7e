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

/** Cache key of the Altinn token exchanged from one ID-porten access token (a hash, never the token). */
export function idPortenExchangeKey(config: IdPortenConfig, accessToken: string): string {
	const tokenHash = createHash('sha256').update(accessToken).digest('hex');
	return `idporten:${createHash('sha256')
		.update(JSON.stringify([config.exchangeUrl, tokenHash]))
		.digest('hex')
		.slice(0, 40)}`;
}
