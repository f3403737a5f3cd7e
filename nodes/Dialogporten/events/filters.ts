import { NodeOperationError, type INode } from 'n8n-workflow';

const RESOURCE_PREFIX = 'urn:altinn:resource:';
// Resource Registry identifiers: letters, digits, '-' and '_' (app resources: app_{org}_{app}).
const RESOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const ORGANIZATION_NUMBER = /^\d{9}$/;
const PERSON_NUMBER = /^\d{11}$/;
const PARTY_URN =
	/^urn:altinn:(organization:identifier-no:\d{9}|person:identifier-no:\d{11}|person:legacy-selfidentified:.+|person:idporten-email:.+)$/;

/** `urn:altinn:resource:<id>` from either that URN or the bare id. */
export function normalizeResource(node: INode, value: unknown): string {
	const raw = typeof value === 'string' ? value.trim() : '';
	if (raw === '') {
		throw new NodeOperationError(node, 'Service Resource is required', {
			description:
				'Enter the service resource the events belong to, for example urn:altinn:resource:my-service.',
		});
	}
	const id = raw.startsWith(RESOURCE_PREFIX) ? raw.slice(RESOURCE_PREFIX.length) : raw;
	if (!RESOURCE_ID.test(id)) {
		throw new NodeOperationError(node, `"${raw}" is not a valid service resource`, {
			description:
				'Use urn:altinn:resource:<identifier> (letters, digits, "-" and "_"), or just the identifier.',
		});
	}
	return `${RESOURCE_PREFIX}${id}`;
}

/**
 * The party URN for a subject filter, or undefined when the field is empty. An empty string is
 * never returned: Altinn Events treats `""` as a filter that matches nothing.
 */
export function normalizeParty(node: INode, value: unknown): string | undefined {
	const raw = typeof value === 'string' ? value.replace(/\s+/g, '') : '';
	if (raw === '') return undefined;
	if (ORGANIZATION_NUMBER.test(raw)) return `urn:altinn:organization:identifier-no:${raw}`;
	if (PERSON_NUMBER.test(raw)) return `urn:altinn:person:identifier-no:${raw}`;
	if (PARTY_URN.test(raw)) return raw;
	throw new NodeOperationError(
		node,
		'Party must be an organization number, a national identity number or a party URN',
		{
			description:
				'Examples: 991825827, urn:altinn:organization:identifier-no:991825827, urn:altinn:person:identifier-no:<11 digits>. Leave empty for all parties (service owners only).',
		},
	);
}
