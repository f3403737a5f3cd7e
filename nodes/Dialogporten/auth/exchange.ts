/**
 * The Altinn token exchange: a Maskinporten or ID-porten access token in, an Altinn token out.
 * Maskinporten tokens are exchanged with a plain request (the TokenService holds the token);
 * ID-porten tokens through n8n's OAuth2 support, which adds the token and refreshes it on 401.
 */
import { NodeApiError, OperationalError, UserError, type JsonObject } from 'n8n-workflow';
import type { AnyContext } from './credential';
import { httpStatusOf } from '../transport/errors';
import { decodeJwtPayload, isJwt, requestText, summarizeProblem, type HttpRequest } from './http';
import { redactSecrets } from '../transport/redaction';
import type { IdPortenConfig } from './idporten';
import type { Clock, FetchedToken } from './tokenCache';

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

/** Exchanges the credential's ID-porten token; n8n's OAuth2 support adds it and refreshes it on 401. */
export async function exchangeIdPortenToken(
	this: AnyContext,
	config: IdPortenConfig,
	now: Clock,
	itemIndex?: number,
): Promise<FetchedToken> {
	const started = now();
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
		throw idPortenExchangeFailure.call(this, error, itemIndex);
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

function idPortenExchangeFailure(
	this: AnyContext,
	error: unknown,
	itemIndex?: number,
): NodeApiError {
	const status = httpStatusOf(error);
	const description =
		status === 403
			? "Altinn exchanges an ID-porten token only when it carries an altinn: scope (for example altinn:portal/enduser): add one to the client in Samarbeidsportalen and to the credential's Scope, then reconnect."
			: undefined;
	// A new error, so the request (which carries the ID-porten token) is not passed on.
	return new NodeApiError(
		this.getNode(),
		{ message: 'exchange failed', ...(status ? { httpCode: String(status) } : {}) } as JsonObject,
		{
			message: `The Altinn token exchange refused the ID-porten token${status ? ` (HTTP ${status})` : ''}`,
			description: description ?? (error as { description?: string })?.description ?? undefined,
			httpCode: status ? String(status) : undefined,
			itemIndex,
		},
	);
}
