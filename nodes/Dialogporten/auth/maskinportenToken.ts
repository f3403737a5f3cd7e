/**
 * The Maskinporten token request: a freshly signed JWT grant sent to the token endpoint, one retry
 * on a transient answer, and a refusal explained by the Maskinporten error code.
 */
import { OperationalError, UserError, sleep } from 'n8n-workflow';
import { buildGrant } from './grant';
import {
	decodeJwtPayload,
	parseJsonObject,
	requestText,
	summarizeProblem,
	type HttpRequest,
} from './http';
import { redactSecrets } from '../transport/redaction';
import type { MaskinportenConfig } from './maskinporten';
import type { FetchedToken } from './tokenCache';

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
