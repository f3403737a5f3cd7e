/**
 * HTTP errors from n8n carry the request that failed (axios keeps it as `config` and `request`), and
 * the request carries the Authorization header. n8n 2.41 keeps the raw HTTP error as the
 * NodeApiError's `cause` (non-enumerable, so it does not reach saved executions, but it does reach
 * anything that inspects the error), so the request is removed before an error leaves this package.
 */

const REQUEST_KEYS = ['config', 'request'];

/**
 * Removes the outgoing request from an HTTP error and its causes. The response (status, headers,
 * body) stays for the caller to map.
 */
export function withoutRequest<T>(error: T): T {
	const seen = new Set<unknown>();
	const strip = (value: unknown, depth: number) => {
		if (!value || typeof value !== 'object' || seen.has(value) || depth > 4) return;
		seen.add(value);
		const record = value as Record<string, unknown>;
		for (const key of REQUEST_KEYS) {
			if (key in record) delete record[key];
		}
		strip(record.cause, depth + 1);
		strip(record.response, depth + 1);
		strip(record.error, depth + 1);
	};
	strip(error, 0);
	return error;
}
