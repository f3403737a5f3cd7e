// A create-subscription request, bound and checked as Altinn Events does (property names are
// case-insensitive, as with ASP.NET's default JSON options), and a subscription as the API shows it.
import { empty, json, type Response } from '../http';
import type { Subscription } from './model';

export interface SubscriptionRequest {
	/** Normalised by the URL parser. */
	endPoint: string;
	resourceFilter: string;
	subjectFilter?: string;
	typeFilter?: string;
	includeSubunits: boolean;
}

function validUrn(value: string): boolean {
	return /^urn:[a-z0-9][a-z0-9-]{0,31}:[^\s]+$/i.test(value);
}

/**
 * Endpoint check. Altinn Events requires an absolute https URI; the stand-in also accepts http on
 * a loopback host, because local webhook receivers (an n8n on localhost) have no certificate.
 */
function validEndpoint(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		const u = new URL(value);
		if (u.protocol === 'https:') return true;
		return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
	} catch {
		return false;
	}
}

/**
 * The request in a parsed body, or the refusal Altinn Events gives. `mayCreate`: the caller has the
 * events scope (checked once the endpoint and the form of the resource filter are).
 */
export function readSubscriptionRequest(
	parsed: { ok: true; value: unknown } | { ok: false; error: string },
	mayCreate: boolean,
): SubscriptionRequest | Response {
	if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object')
		return json(400, 'Invalid subscription request');
	// Input binding is case-insensitive, as ASP.NET's default JSON options are.
	const raw: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(parsed.value as Record<string, unknown>))
		raw[k.toLowerCase()] = v;
	const endPoint = raw.endpoint;
	if (!validEndpoint(endPoint))
		return json(400, 'Missing or invalid endpoint to push events towards');
	const resourceFilter = raw.resourcefilter as string | undefined | null;
	if (
		resourceFilter !== undefined &&
		resourceFilter !== null &&
		(typeof resourceFilter !== 'string' || !validUrn(resourceFilter))
	)
		return json(400, 'Resource filter must be a valid urn');
	if (typeof resourceFilter === 'string' && resourceFilter.startsWith('urn:altinn:resource:app_'))
		return json(400, 'App subscriptions are not supported by the local stand-in');
	if (!mayCreate) return empty(403);
	if (!resourceFilter) return json(400, 'Resource filter is required.');
	if (raw.sourcefilter !== undefined && raw.sourcefilter !== null)
		return json(400, 'Source filter is not supported for subscriptions on this resource.');
	if (raw.alternativesubjectfilter !== undefined && raw.alternativesubjectfilter !== null)
		return json(
			400,
			'AlternativeSubject filter is not supported for subscriptions on this resource.',
		);
	const subjectFilter =
		raw.subjectfilter === null ? undefined : (raw.subjectfilter as string | undefined);
	const typeFilter = raw.typefilter === null ? undefined : (raw.typefilter as string | undefined);
	const includeSubunits = raw.includesubunits === true;
	if (includeSubunits && subjectFilter === undefined)
		return json(400, 'IncludeSubunits requires a subject filter.');
	if (
		(subjectFilter !== undefined && typeof subjectFilter !== 'string') ||
		(typeFilter !== undefined && typeof typeFilter !== 'string')
	)
		return json(400, 'Invalid subscription request');
	return {
		endPoint: new URL(endPoint as string).toString(),
		resourceFilter,
		subjectFilter,
		typeFilter,
		includeSubunits,
	};
}

/** A subscription as the API shows it. */
export function subscriptionView(s: Subscription): Record<string, unknown> {
	const out: Record<string, unknown> = { id: s.id, endPoint: s.endPoint };
	if (s.resourceFilter !== undefined) out.resourceFilter = s.resourceFilter;
	if (s.subjectFilter !== undefined) out.subjectFilter = s.subjectFilter;
	if (s.typeFilter !== undefined) out.typeFilter = s.typeFilter;
	Object.assign(out, {
		consumer: s.consumer,
		createdBy: s.createdBy,
		created: s.created,
		validated: s.validated,
		includeSubunits: s.includeSubunits,
	});
	return out;
}
