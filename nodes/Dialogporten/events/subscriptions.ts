import type { IDataObject } from 'n8n-workflow';

/**
 * Up to this many selected types get one Altinn subscription each (`typeFilter` takes one exact
 * value). Above it the node makes a single subscription without `typeFilter` and filters the
 * types itself: every subscription costs a validation round trip at activation, a request at each
 * check and a delete, while the extra traffic of an unfiltered subscription only costs a quick 200.
 */
export const MAX_TYPE_FILTERED_SUBSCRIPTIONS = 3;

/** Body of POST /subscriptions, without `endPoint`. Absent filters are left out, never sent as "". */
export interface SubscriptionFilter {
	resourceFilter: string;
	subjectFilter?: string;
	typeFilter?: string;
	includeSubunits: boolean;
}

/** What Altinn Events returns for a subscription (only the fields the trigger reads). */
export interface AltinnSubscription {
	id: number | string;
	endPoint?: string;
	resourceFilter?: string | null;
	subjectFilter?: string | null;
	typeFilter?: string | null;
	includeSubunits?: boolean | null;
	validated?: boolean | null;
}

export function planSubscriptions(options: {
	resource: string;
	party?: string;
	types: 'all' | string[];
	includeSubunits: boolean;
}): SubscriptionFilter[] {
	const base: SubscriptionFilter = {
		resourceFilter: options.resource,
		includeSubunits: options.includeSubunits,
	};
	if (options.party !== undefined && options.party !== '') base.subjectFilter = options.party;
	if (options.types === 'all' || options.types.length > MAX_TYPE_FILTERED_SUBSCRIPTIONS)
		return [base];
	return options.types.map((typeFilter) => ({ ...base, typeFilter }));
}

export function subscriptionBody(filter: SubscriptionFilter, endPoint: string): IDataObject {
	const body: IDataObject = { endPoint, resourceFilter: filter.resourceFilter };
	if (filter.subjectFilter) body.subjectFilter = filter.subjectFilter;
	if (filter.typeFilter) body.typeFilter = filter.typeFilter;
	if (filter.includeSubunits) body.includeSubunits = true;
	return body;
}

function sameUrl(a: string | undefined, b: string): boolean {
	if (a === undefined) return false;
	try {
		return new URL(a).href === new URL(b).href;
	} catch {
		// Not parseable as a URL: compare as stored.
		return a === b;
	}
}

const orUndefined = (value: string | null | undefined) =>
	value === null || value === '' ? undefined : value;

/** True when Altinn's stored subscription delivers exactly what `filter` asks for to `endPoint`. */
export function subscriptionMatches(
	remote: AltinnSubscription,
	filter: SubscriptionFilter,
	endPoint: string,
): boolean {
	return (
		sameUrl(remote.endPoint, endPoint) &&
		orUndefined(remote.resourceFilter) === filter.resourceFilter &&
		orUndefined(remote.subjectFilter) === filter.subjectFilter &&
		orUndefined(remote.typeFilter) === filter.typeFilter &&
		(remote.includeSubunits ?? false) === filter.includeSubunits
	);
}

/** Stable key for comparing a stored filter set with the current parameters. */
export function filterKey(filter: SubscriptionFilter): string {
	return JSON.stringify([
		filter.resourceFilter,
		filter.subjectFilter ?? null,
		filter.typeFilter ?? null,
		filter.includeSubunits,
	]);
}
