/**
 * Small helpers shared by the token requests: reading a full response without letting the HTTP
 * client throw (its errors carry the request, and the request carries the grant or a bearer token),
 * decoding JWT payloads, and a one-line summary of an error body with anything token-shaped removed.
 */
import { OperationalError, type IHttpRequestOptions } from 'n8n-workflow';
import { redactSecrets } from '../transport/redaction';

export type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

export interface TextResponse {
	statusCode: number;
	body: string;
	headers: Record<string, unknown>;
}

/**
 * What n8n says, before sending, when a credential's "Allowed HTTP Request Domains" setting does
 * not cover a request the credential makes itself (its messages name hosts, nothing secret).
 */
const DOMAIN_REFUSAL =
	/^(Domain not allowed: |No allowed domains specified|This credential restricts requests)/;

/**
 * Network error codes in words. n8n's NodeApiError replaces any message that contains one of these
 * codes with its own generic sentence, which would drop the service and URL this message names.
 */
const NETWORK_FAILURES: Record<string, string> = {
	ECONNABORTED: 'no answer in time',
	ETIMEDOUT: 'no answer in time',
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
};

function unreachable(error: unknown, service: string, url: string): OperationalError {
	const message = (error as { message?: unknown })?.message;
	if (typeof message === 'string' && DOMAIN_REFUSAL.test(message))
		return new OperationalError(`Could not reach ${service} at ${url}: ${message}`);
	const code = (error as { code?: unknown })?.code;
	const reason =
		typeof code === 'string' && code !== ''
			? (NETWORK_FAILURES[code.toUpperCase()] ?? code)
			: 'the request failed';
	// The original error holds the request (with the grant or bearer token); only its code is kept.
	return new OperationalError(`Could not reach ${service} at ${url} (${reason})`);
}

/** Sends a request and returns status, headers and the body as text, for any HTTP status. */
export async function requestText(
	http: HttpRequest,
	service: string,
	options: IHttpRequestOptions,
): Promise<TextResponse> {
	let response: { statusCode?: number; body?: unknown; headers?: Record<string, unknown> };
	try {
		response = (await http({
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			encoding: 'text',
			json: false,
		})) as typeof response;
	} catch (error) {
		throw unreachable(error, service, options.url.split('?')[0]);
	}
	const body = response?.body;
	const text =
		typeof body === 'string'
			? body
			: Buffer.isBuffer(body)
				? body.toString('utf8')
				: body === undefined || body === null
					? ''
					: JSON.stringify(body);
	return {
		statusCode: Number(response?.statusCode ?? 0),
		body: text,
		headers: response?.headers ?? {},
	};
}

export function parseJsonObject(text: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return value !== null && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

/** The payload of a JWT, or undefined when the text is not a JWT. Signatures are not checked. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		return parseJsonObject(Buffer.from(parts[1], 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
}

export function isJwt(token: string): boolean {
	return (
		/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token) &&
		decodeJwtPayload(token) !== undefined
	);
}

/** A one-line summary of an RFC 7807 problem (title, detail, traceId) or of a plain body. */
export function summarizeProblem(text: string): string {
	const problem = parseJsonObject(text);
	if (problem) {
		const parts = [
			problem.title,
			problem.detail,
			problem.error,
			problem.error_description,
			problem.message,
		]
			.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
			.map((p) => p.trim());
		const trace = problem.traceId ?? problem.trace_id;
		if (typeof trace === 'string') parts.push(`traceId ${trace}`);
		if (parts.length > 0) return redactSecrets(parts.join(' – '));
	}
	const plain = text.replace(/\s+/g, ' ').trim();
	return redactSecrets(plain.length > 200 ? `${plain.slice(0, 200)}…` : plain);
}
