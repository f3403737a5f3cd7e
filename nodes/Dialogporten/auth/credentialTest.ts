/**
 * The Maskinporten credential's Test button. n8n runs a credential type's declarative `test` with
 * the token already stored in the credential (it asks preAuthentication for a new one only when
 * the stored field is empty), so a changed key or client id would still pass; and the request
 * could only prove that some endpoint answers. This test is a node-side credential test instead
 * (`testedBy` on every node that uses the credential): with the values in the dialog it always
 * signs a fresh grant, exchanges the token when exchange is on, and makes one cheap authenticated
 * call chosen from the grant type and scopes. The message says what was proven or which step
 * failed, in Altinn's words.
 */
import { randomUUID } from 'node:crypto';
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { exchangeForAltinnToken } from './exchange';
import { parseJsonObject, requestText, summarizeProblem, type HttpRequest } from './http';
import { parseMaskinportenCredential, type MaskinportenConfig } from './maskinporten';
import { requestMaskinportenToken } from './maskinportenToken';
import { redactSecrets } from '../transport/redaction';

const SEARCH_SCOPE = 'digdir:dialogporten.serviceprovider.search';
const SERVICE_OWNER_SCOPE = 'digdir:dialogporten.serviceprovider';
const END_USER_SCOPES = ['digdir:dialogporten', 'digdir:dialogporten.noconsent'];

/** The authenticated call that shows the token is good for what the credential is meant for. */
export interface AccessCheck {
	/** What a success proves, e.g. "the Dialogporten end-user API". */
	label: string;
	url: string;
	/** Turns the answer into a failure text, or a detail for the success message. */
	verdict(status: number, body: string): { ok: true; detail?: string } | { ok: false };
	/** What to check when Dialogporten refuses the token (403). */
	forbiddenHint: string;
}

/**
 * The call for this configuration: a service-owner search with limit 1 (search scope), a read of a
 * dialog that does not exist (service-owner scope without search: 404 means the token and scope
 * were accepted), or the end user's parties (end-user scope). Undefined when no Dialogporten scope
 * is asked for.
 */
export function chooseAccessCheck(config: MaskinportenConfig): AccessCheck | undefined {
	const base = config.endpoints.dialogporten;
	const scopes = new Set(config.scopes);
	const serviceOwnerHint =
		config.grantType === 'supplier'
			? 'The consumer organization must be a registered service owner in Altinn that has delegated the Dialogporten service-owner API to you, and the token needs the scopes the call requires.'
			: 'The organization that owns the client must be registered as a service owner in Altinn, and the token needs the scopes the call requires.';
	if (scopes.has(SEARCH_SCOPE)) {
		return {
			label: 'the Dialogporten service-owner search',
			url: `${base}/api/v1/serviceowner/dialogs?limit=1`,
			verdict: (status) => (status === 200 ? { ok: true } : { ok: false }),
			forbiddenHint: `${serviceOwnerHint} Searching needs both ${SERVICE_OWNER_SCOPE} and ${SEARCH_SCOPE}.`,
		};
	}
	if (scopes.has(SERVICE_OWNER_SCOPE)) {
		return {
			label: 'the Dialogporten service-owner API',
			// A random id: no dialog has it, so an accepted token gets 404 Not Found.
			url: `${base}/api/v1/serviceowner/dialogs/${randomUUID()}`,
			verdict: (status) => (status === 404 ? { ok: true } : { ok: false }),
			forbiddenHint: serviceOwnerHint,
		};
	}
	if (END_USER_SCOPES.some((scope) => scopes.has(scope))) {
		return {
			label: 'the Dialogporten end-user API',
			url: `${base}/api/v1/enduser/parties`,
			verdict: (status, body) => {
				if (status !== 200) return { ok: false };
				const parties = parseJsonObject(body)?.authorizedParties;
				const count = Array.isArray(parties) ? parties.length : 0;
				if (count === 0) return { ok: false };
				return { ok: true, detail: `${count} ${count === 1 ? 'party' : 'parties'}` };
			},
			forbiddenHint:
				config.grantType === 'systemUser'
					? 'The end-user API accepts the system user token only when the system user exists and has been granted rights: check System User Organization and the rights the customer gave the system user in Altinn.'
					: 'The end-user API acts for a system user or a person: choose Grant Type System User (a plain client token is refused).',
		};
	}
	return undefined;
}

/** n8n's credential test context offers only the legacy request helper; this adapts it. */
function legacyHttp(helpers: ICredentialTestFunctions['helpers']): HttpRequest {
	return async (options: IHttpRequestOptions) =>
		await helpers.request({
			method: options.method ?? 'GET',
			uri: options.url,
			headers: options.headers,
			body: options.body,
			resolveWithFullResponse: true,
			simple: false,
			json: false,
			timeout: options.timeout ?? 30_000,
		});
}

function failure(step: string, position: number, total: number, text: string) {
	return {
		status: 'Error' as const,
		message: `Step ${position} of ${total} (${step}) failed: ${text}`,
	};
}

function errorText(error: unknown): string {
	const { message, description } = error as { message?: string; description?: string };
	return [message, description].filter((part) => typeof part === 'string' && part !== '').join(' ');
}

/** Why Dialogporten (or the API behind the check) did not accept the token, in its own words. */
function refusalText(
	check: AccessCheck,
	status: number,
	body: string,
	headers: Record<string, unknown>,
	tokens: string[],
): string {
	const challenge = String(headers['www-authenticate'] ?? '');
	const described = /error_description="([^"]*)"/.exec(challenge)?.[1];
	const summary = described ?? summarizeProblem(body);
	const said = summary ? `: ${summary}` : '';
	const redact = (text: string) => redactSecrets(text, tokens);
	if (status === 401) return redact(`${check.label} did not accept the token (HTTP 401)${said}`);
	if (status === 403)
		return redact(`${check.label} refused the token (HTTP 403)${said}. ${check.forbiddenHint}`);
	if (status === 200 && check.label.includes('end-user'))
		return `${check.label} accepted the token, but it may act for no party. ${check.forbiddenHint}`;
	return redact(`${check.label} answered HTTP ${status}${said}`);
}

/** The node-side test of a Maskinporten credential (see the module comment). */
export async function testMaskinportenCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	let config: MaskinportenConfig;
	try {
		// Only the settings are read; a token stored in the credential is never used here.
		config = parseMaskinportenCredential(credential.data ?? {});
	} catch (error) {
		return { status: 'Error', message: errorText(error) };
	}
	const http = legacyHttp(this.helpers);
	const check = chooseAccessCheck(config);
	const steps = ['Maskinporten token'];
	if (config.exchange) steps.push('Altinn token exchange');
	if (check) steps.push(check.label);
	const total = steps.length;

	let token: string;
	try {
		token = (await requestMaskinportenToken(http, config, () => Date.now())).token;
	} catch (error) {
		return failure(steps[0], 1, total, errorText(error));
	}
	const tokens = [token];
	if (config.exchange) {
		const exchanged = await exchangeForAltinnToken(
			http,
			config.exchangeUrl,
			token,
			'Maskinporten',
			() => Date.now(),
		);
		if (!exchanged.ok) return failure(steps[1], 2, total, errorText(exchanged.error));
		token = exchanged.token.token;
		tokens.push(token);
	}
	if (!check) {
		return {
			status: 'OK',
			message: `Proven with a new token from these settings: ${steps.join(' and ')}. No Dialogporten scope is set, so no API call was tried.`,
		};
	}
	let response;
	try {
		response = await requestText(http, check.label, {
			method: 'GET',
			url: check.url,
			headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
		});
	} catch (error) {
		return failure(check.label, total, total, errorText(error));
	}
	const verdict = check.verdict(response.statusCode, response.body);
	if (!verdict.ok) {
		return failure(
			check.label,
			total,
			total,
			refusalText(check, response.statusCode, response.body, response.headers, tokens),
		);
	}
	const detail = verdict.detail ? ` (${verdict.detail})` : '';
	return {
		status: 'OK',
		message: `Proven with a new token from these settings: ${steps.slice(0, -1).join(', ')} and ${check.label}${detail}`,
	};
}
