import {
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';
import { apiRequest, httpStatusOf, type QueryParameters } from '../transport';
import type { AltinnSubscription } from './subscriptions';
import type { CloudEvent } from './cloudEvent';

export type TriggerContext = IHookFunctions | IPollFunctions | IWebhookFunctions;

export const CREDENTIAL_TYPE = 'maskinportenApi';

export interface CredentialFacts {
	/** 'test' | 'production' | 'custom' */
	environment: string;
	exchangeToAltinn: boolean;
}

export async function credentialFacts(this: TriggerContext): Promise<CredentialFacts> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	return {
		environment: typeof credentials.environment === 'string' ? credentials.environment : 'test',
		exchangeToAltinn: credentials.exchangeToAltinn === true,
	};
}

/**
 * Altinn Events accepts only Altinn tokens; a plain Maskinporten token is refused. Checked before
 * any request so the user learns what to change instead of seeing a bare 401.
 */
export function assertAltinnTokenExchange(this: TriggerContext, facts: CredentialFacts): void {
	if (facts.exchangeToAltinn) return;
	throw new NodeOperationError(
		this.getNode(),
		'Altinn Events needs an Altinn token: turn on "Exchange to Altinn Token" in the Maskinporten credential',
		{
			description:
				'Altinn Events only accepts Altinn tokens. Open the Maskinporten credential used by this node, turn on "Exchange to Altinn Token", and make sure its scopes include altinn:events.subscribe (service owners also altinn:serviceowner).',
		},
	);
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The outcome of a request as a value, so callers can act on the status without a catch clause. */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	return await promise.then(
		(value): Settled<T> => ({ ok: true, value }),
		(error: unknown): Settled<T> => ({ ok: false, error }),
	);
}

export async function createSubscription(
	this: TriggerContext,
	body: IDataObject,
): Promise<AltinnSubscription> {
	return (await apiRequest.call(this, {
		baseUrl: 'events',
		auth: CREDENTIAL_TYPE,
		method: 'POST',
		path: '/subscriptions',
		body,
	})) as AltinnSubscription;
}

/** The subscription, or undefined when Altinn says it is gone (404) or not ours (403). */
export async function getSubscription(
	this: TriggerContext,
	id: number | string,
): Promise<AltinnSubscription | undefined> {
	const outcome = await settle(
		apiRequest.call(this, {
			baseUrl: 'events',
			auth: CREDENTIAL_TYPE,
			method: 'GET',
			path: `/subscriptions/${encodeURIComponent(String(id))}`,
		}) as Promise<AltinnSubscription>,
	);
	if (outcome.ok) return outcome.value;
	const status = httpStatusOf(outcome.error);
	if (status === 404 || status === 403) return undefined;
	throw outcome.error;
}

/** Deletes the subscription; one that no longer exists (404) counts as deleted. */
export async function deleteSubscription(this: TriggerContext, id: number | string): Promise<void> {
	const outcome = await settle(
		apiRequest.call(this, {
			baseUrl: 'events',
			auth: CREDENTIAL_TYPE,
			method: 'DELETE',
			path: `/subscriptions/${encodeURIComponent(String(id))}`,
		}),
	);
	if (outcome.ok || httpStatusOf(outcome.error) === 404) return;
	throw outcome.error;
}

export interface EventsPage {
	events: CloudEvent[];
	/** The `after` value of the `next` link Altinn returns, when present. */
	nextAfter?: string;
}

export async function queryEvents(
	this: TriggerContext,
	query: { resource: string; after: string; size: number; subject?: string; types?: string[] },
): Promise<EventsPage> {
	const qs: QueryParameters = { resource: query.resource, after: query.after, size: query.size };
	if (query.subject) qs.subject = query.subject;
	if (query.types && query.types.length > 0) qs.type = query.types;
	const response = (await apiRequest.call(this, {
		baseUrl: 'events',
		auth: CREDENTIAL_TYPE,
		method: 'GET',
		path: '/events',
		qs,
		returnFullResponse: true,
	})) as { body: unknown; headers?: Record<string, string> };
	const body =
		typeof response.body === 'string' && response.body.trim() !== ''
			? JSON.parse(response.body)
			: response.body;
	const events = Array.isArray(body) ? (body as CloudEvent[]) : [];
	return { events, nextAfter: afterFromNextLink(response.headers?.next) };
}

function afterFromNextLink(link: unknown): string | undefined {
	if (typeof link !== 'string' || link === '') return undefined;
	try {
		return new URL(link, 'http://placeholder.invalid').searchParams.get('after') ?? undefined;
	} catch {
		// A malformed link is ignored: the caller falls back to the id of the last event.
		return undefined;
	}
}
