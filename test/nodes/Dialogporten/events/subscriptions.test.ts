import {
	MAX_TYPE_FILTERED_SUBSCRIPTIONS,
	planSubscriptions,
	subscriptionBody,
	subscriptionMatches,
} from '../../../../nodes/Dialogporten/events/subscriptions';

const resource = 'urn:altinn:resource:super-simple-service';
const party = 'urn:altinn:organization:identifier-no:991825827';
const endPoint = 'https://n8n.example.com/webhook/abc/webhook?secret=s3cret';

describe('planSubscriptions', () => {
	it('makes one subscription without typeFilter for all types', () => {
		expect(planSubscriptions({ resource, types: 'all', includeSubunits: false })).toEqual([
			{ resourceFilter: resource, includeSubunits: false },
		]);
	});

	it('makes one subscription per type up to the limit, then one unfiltered', () => {
		const few = ['dialogporten.dialog.created.v1', 'dialogporten.dialog.deleted.v1'];
		expect(planSubscriptions({ resource, party, types: few, includeSubunits: true })).toEqual(
			few.map((typeFilter) => ({
				resourceFilter: resource,
				subjectFilter: party,
				typeFilter,
				includeSubunits: true,
			})),
		);
		const many = Array.from(
			{ length: MAX_TYPE_FILTERED_SUBSCRIPTIONS + 1 },
			(_, i) => `dialogporten.t${i}.v1`,
		);
		expect(planSubscriptions({ resource, types: many, includeSubunits: false })).toEqual([
			{ resourceFilter: resource, includeSubunits: false },
		]);
	});

	it('never puts an empty subject filter in the plan or the body', () => {
		const [filter] = planSubscriptions({
			resource,
			party: '',
			types: 'all',
			includeSubunits: false,
		});
		expect('subjectFilter' in filter).toBe(false);
		expect(subscriptionBody(filter, endPoint)).toEqual({ endPoint, resourceFilter: resource });
		expect(
			subscriptionBody(
				{ resourceFilter: resource, subjectFilter: '', typeFilter: '', includeSubunits: false },
				endPoint,
			),
		).toEqual({
			endPoint,
			resourceFilter: resource,
		});
	});
});

describe('subscriptionMatches', () => {
	const filter = {
		resourceFilter: resource,
		subjectFilter: party,
		typeFilter: 'dialogporten.dialog.created.v1',
		includeSubunits: false,
	};
	const remote = {
		id: 7,
		endPoint,
		resourceFilter: resource,
		subjectFilter: party,
		typeFilter: filter.typeFilter,
		includeSubunits: false,
		validated: true,
	};

	it('matches what Altinn stores for the same request', () => {
		expect(subscriptionMatches(remote, filter, endPoint)).toBe(true);
		expect(
			subscriptionMatches(
				{ ...remote, endPoint: 'https://N8N.example.com/webhook/abc/webhook?secret=s3cret' },
				filter,
				endPoint,
			),
		).toBe(true);
	});

	it('notices any difference in endpoint (incl. secret) or filters', () => {
		expect(
			subscriptionMatches(
				{ ...remote, endPoint: endPoint.replace('s3cret', 'other') },
				filter,
				endPoint,
			),
		).toBe(false);
		expect(subscriptionMatches({ ...remote, subjectFilter: null }, filter, endPoint)).toBe(false);
		expect(subscriptionMatches({ ...remote, typeFilter: null }, filter, endPoint)).toBe(false);
		expect(subscriptionMatches({ ...remote, includeSubunits: true }, filter, endPoint)).toBe(false);
		expect(
			subscriptionMatches(
				{ ...remote, resourceFilter: 'urn:altinn:resource:other' },
				filter,
				endPoint,
			),
		).toBe(false);
	});

	it('treats null and missing filters alike', () => {
		const unfiltered = { resourceFilter: resource, includeSubunits: false };
		expect(
			subscriptionMatches(
				{ id: 1, endPoint, resourceFilter: resource, subjectFilter: null, typeFilter: null },
				unfiltered,
				endPoint,
			),
		).toBe(true);
	});
});
