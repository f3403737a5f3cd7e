/**
 * Redirects of a request that carries a credential token to a URL a dialog names: n8n's HTTP client
 * would send the Authorization header along a redirect to any host, so such requests follow
 * redirects here, one hop at a time, each checked.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { AnyContext } from '../auth';
import type { ApiRequest } from './request';

/** Whether a redirect target may receive the token: undefined when it may, else why not. */
export type RedirectCheck = (target: URL) => { message: string; description: string } | undefined;

const MAX_REDIRECTS = 5;

/** The URL a redirect leads to, when the request may follow it with its credential token. */
export function followRedirect(
	this: AnyContext,
	request: ApiRequest,
	from: string,
	location: string,
	hop: number,
): string {
	const fail = (message: string, description: string): never => {
		throw new NodeOperationError(this.getNode(), message, {
			description,
			itemIndex: request.itemIndex,
		});
	};
	let next: URL;
	try {
		next = new URL(location, from);
	} catch {
		return fail(`${new URL(from).host} redirected to "${location}", which is not a URL`, '');
	}
	const refusal = request.redirects?.(next);
	if (refusal) {
		return fail(
			`${new URL(from).host} redirected the request: ${refusal.message}`,
			refusal.description,
		);
	}
	if (request.method !== 'GET' && request.method !== 'HEAD') {
		return fail(
			`${new URL(from).host} redirected a ${request.method} request to ${next.href}; it is not repeated with the credential token`,
			'Use the URL it redirects to, or ask the service owner to correct the endpoint.',
		);
	}
	if (hop > MAX_REDIRECTS) {
		return fail(`More than ${MAX_REDIRECTS} redirects from ${new URL(from).host}`, '');
	}
	return next.href;
}
