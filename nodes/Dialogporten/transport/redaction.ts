/**
 * Defence in depth: nothing shaped like a bearer token or a JWT leaves this package in a message,
 * an error description or a log line, even when a server echoes one.
 */

const BEARER = /Bearer\s+[A-Za-z0-9._~+/-]+=*/gi;
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const REDACTED = '[redacted]';

/** Replaces bearer tokens, JWT-shaped text and the given secrets (8 characters or more). */
export function redactSecrets(text: string, secrets: Array<string | undefined> = []): string {
	let result = text.replace(BEARER, `Bearer ${REDACTED}`).replace(JWT, REDACTED);
	for (const secret of secrets) {
		if (secret && secret.length >= 8) result = result.split(secret).join(REDACTED);
	}
	return result;
}

/** `redactSecrets` applied to every string inside a JSON-like value. */
export function redactDeep(value: unknown): unknown {
	if (typeof value === 'string') return redactSecrets(value);
	if (Array.isArray(value)) return value.map(redactDeep);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, child]) => [key, redactDeep(child)]),
		);
	}
	return value;
}
