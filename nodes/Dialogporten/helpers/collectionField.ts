import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

const COLLECTIONS = {
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	options: { displayName: 'Options', placeholder: 'Add Option' },
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
} as const;

/** One of n8n's usual collections (Filters, Options, Additional or Update Fields) of `options`. */
export function collectionField(
	name: keyof typeof COLLECTIONS,
	options: INodeProperties[],
	displayOptions?: IDisplayOptions,
): INodeProperties {
	return {
		...COLLECTIONS[name],
		name,
		type: 'collection',
		default: {},
		...(displayOptions ? { displayOptions } : {}),
		options,
	};
}
