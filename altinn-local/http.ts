// Small HTTP toolkit for the stand-in: a request wrapper, response builders and a path router.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface Request {
	method: string;
	url: URL;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: Buffer;
	raw: IncomingMessage;
	/** Path parameters filled in by the router. */
	params: Record<string, string>;
	/** Per-request trace id (also used in problem details and OAuth error descriptions). */
	traceId: string;
}

export interface Response {
	status: number;
	headers: Record<string, string>;
	body?: string | Buffer;
	/** Set to make the server drop the connection without answering (fault injection). */
	reset?: boolean;
	/** Set to make the server never answer (fault injection); cleaned up on stop. */
	hang?: boolean;
}

export type Handler = (req: Request) => Promise<Response> | Response;

/**
 * Thrown by a handler (or a lookup it calls) to answer with `response` at once: a dialog that is
 * not there, not the caller's, deleted, or a failed If-Match. {@link answer} turns it back into the
 * response, so handlers need not pass such outcomes up by hand.
 */
export class HttpError extends Error {
	constructor(readonly response: Response) {
		super(`HTTP ${response.status}`);
	}
}

/** Runs a handler; an {@link HttpError} it throws becomes its response. */
export async function answer(handle: () => Promise<Response> | Response): Promise<Response> {
	try {
		return await handle();
	} catch (e) {
		if (e instanceof HttpError) return e.response;
		throw e;
	}
}

export function newTraceId(): string {
	return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

export function json(
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): Response {
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
		body: JSON.stringify(body),
	};
}

export function text(status: number, body: string, headers: Record<string, string> = {}): Response {
	return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}

/** Text made safe to put in HTML, inside elements and quoted attributes. */
export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function html(status: number, body: string, headers: Record<string, string> = {}): Response {
	return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export function empty(status: number, headers: Record<string, string> = {}): Response {
	return { status, headers };
}

export function redirect(location: string, headers: Record<string, string> = {}): Response {
	return { status: 302, headers: { location, ...headers } };
}

const STATUS_TITLES: Record<number, string> = {
	400: 'One or more validation errors occurred.',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	409: 'Conflict',
	410: 'Gone',
	412: 'Precondition Failed',
	422: 'Unprocessable Entity',
};

/** RFC 9457 problem details, shaped like ASP.NET Core's (`type`, `title`, `status`, `traceId`, ...). */
export function problem(
	req: Request,
	status: number,
	detail?: string,
	extra: {
		title?: string;
		errors?: Record<string, string[]>;
		contentType?: string;
		type?: string;
	} = {},
): Response {
	const body: Record<string, unknown> = {
		type:
			extra.type ??
			`https://tools.ietf.org/html/rfc9110#section-15.${status >= 500 ? 6 : 5}.${status >= 500 ? status - 499 : status - 399}`,
		title: extra.title ?? STATUS_TITLES[status] ?? 'Error',
		status,
	};
	if (detail !== undefined) body.detail = detail;
	// The document declares `errors` non-nullable: it is always present, empty when there are none.
	body.errors = extra.errors ?? {};
	body.instance = req.path;
	body.traceId = req.traceId;
	return {
		status,
		headers: {
			'content-type': `${extra.contentType ?? 'application/problem+json'}; charset=utf-8`,
		},
		body: JSON.stringify(body),
	};
}

export function bodyJson(
	req: Request,
): { ok: true; value: unknown } | { ok: false; error: string } {
	if (req.body.length === 0) return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(req.body.toString('utf8')) };
	} catch (e) {
		return { ok: false, error: (e as Error).message };
	}
}

export function formBody(req: Request): URLSearchParams {
	return new URLSearchParams(req.body.toString('utf8'));
}

export function header(req: Request, name: string): string | undefined {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

export function bearerToken(req: Request): string | undefined {
	const auth = header(req, 'authorization');
	if (!auth) return undefined;
	const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
	return match ? match[1] : undefined;
}

interface Route {
	method: string;
	segments: string[];
	handler: Handler;
}

/**
 * Matches `/a/{id}/b` style patterns segment by segment; literal segments win over parameters. A
 * last segment `{name*}` takes the rest of the path (zero or more segments, joined with `/`).
 */
export class Router {
	private readonly routes: Route[] = [];

	add(method: string, pattern: string, handler: Handler): this {
		this.routes.push({
			method: method.toUpperCase(),
			segments: pattern.split('/').filter(Boolean),
			handler,
		});
		// Literal segments first, so `/dialogs/endusercontext` beats `/dialogs/{dialogId}`.
		this.routes.sort((a, b) => score(b) - score(a));
		return this;
	}

	match(
		method: string,
		path: string,
	): { handler: Handler; params: Record<string, string> } | 'method-not-allowed' | undefined {
		const parts = path
			.split('/')
			.filter(Boolean)
			.map((p) => {
				try {
					return decodeURIComponent(p);
				} catch {
					return p;
				}
			});
		let pathMatched = false;
		for (const route of this.routes) {
			const rest = route.segments.at(-1)?.match(/^\{(\w+)\*\}$/)?.[1];
			const fixed = rest === undefined ? route.segments.length : route.segments.length - 1;
			if (rest === undefined ? parts.length !== fixed : parts.length < fixed) continue;
			const params: Record<string, string> = {};
			if (rest !== undefined) params[rest] = parts.slice(fixed).join('/');
			let ok = true;
			for (let i = 0; i < fixed; i++) {
				const seg = route.segments[i];
				if (seg.startsWith('{') && seg.endsWith('}')) params[seg.slice(1, -1)] = parts[i];
				else if (seg !== parts[i]) {
					ok = false;
					break;
				}
			}
			if (!ok) continue;
			pathMatched = true;
			if (
				route.method === method.toUpperCase() ||
				(route.method === 'GET' && method.toUpperCase() === 'HEAD')
			)
				return { handler: route.handler, params };
		}
		return pathMatched ? 'method-not-allowed' : undefined;
	}
}

function score(route: Route): number {
	// Weight earlier literal segments higher so the most specific pattern is tried first.
	return route.segments.reduce((acc, seg, i) => acc + (seg.startsWith('{') ? 0 : 2 ** (20 - i)), 0);
}

/** A copy of `value` without the given keys. */
export function omit<T extends Record<string, unknown>>(
	value: T,
	keys: string[],
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) if (!keys.includes(k)) out[k] = v;
	return out;
}
