/** Fields of the operations that write: how the body is given, actors, texts, attachments. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { languageOptions } from './common.descriptions';

/**
 * The Type, ID and Name fields of an actor (`<prefix>ActorType`, `…ActorId`, `…ActorName`), shown
 * when `show` holds (and ID and Name only for a party representative).
 */
export function actorFields(
	prefix: string,
	label: string,
	show: NonNullable<IDisplayOptions['show']>,
): INodeProperties[] {
	const representative = { ...show, [`${prefix}ActorType`]: ['PartyRepresentative'] };
	return [
		{
			displayName: `${label} Type`,
			name: `${prefix}ActorType`,
			type: 'options',
			default: 'ServiceOwner',
			options: [
				{
					name: 'Party Representative',
					value: 'PartyRepresentative',
					description: 'A person acting for the party',
				},
				{ name: 'Service Owner', value: 'ServiceOwner', description: 'The service owner itself' },
			],
			displayOptions: { show },
		},
		{
			displayName: `${label} ID`,
			name: `${prefix}ActorId`,
			type: 'string',
			default: '',
			placeholder: 'e.g. urn:altinn:person:identifier-no:12018212345',
			description: 'URN of the person or organization; only for Party Representative',
			displayOptions: { show: representative },
		},
		{
			displayName: `${label} Name`,
			name: `${prefix}ActorName`,
			type: 'string',
			default: '',
			description: 'Display name, used when no ID is given',
			displayOptions: { show: representative },
		},
	];
}

export const textLanguageField: INodeProperties = {
	displayName: 'Text Language',
	name: 'textLanguage',
	type: 'options',
	default: 'nb',
	options: languageOptions,
	description: 'Language of the texts given below (title, summary, action titles…)',
};

/** Files of a dialog or a transmission: a URL, media type and consumer each. */
export const attachmentsField: INodeProperties = {
	displayName: 'Attachments',
	name: 'attachments',
	type: 'fixedCollection',
	placeholder: 'Add Attachment',
	default: {},
	typeOptions: { multipleValues: true, sortable: true },
	options: [
		{
			displayName: 'Attachment',
			name: 'values',
			values: [
				{
					displayName: 'Consumer',
					name: 'consumerType',
					type: 'options',
					default: 'Gui',
					options: [
						{ name: 'Browser (GUI)', value: 'Gui' },
						{ name: 'System (API)', value: 'Api' },
					],
				},
				{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '' },
				{
					displayName: 'Media Type',
					name: 'mediaType',
					type: 'string',
					default: '',
					placeholder: 'application/pdf',
				},
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'https://example.com/files/123.pdf',
				},
			],
		},
	],
};

/** Shows a write's fields only when its body is given with fields (not as JSON). */
export const fieldsMode = { show: { specifyBody: ['fields'] } };

/**
 * The choice between giving a write's body with the fields below or as JSON (`specifyBody`);
 * `descriptions` explain the two choices where they need it.
 */
export function specifyBodyField(
	displayName: string,
	descriptions: { fields?: string; json?: string } = {},
): INodeProperties {
	const option = (name: string, value: string, description?: string) =>
		description ? { name, value, description } : { name, value };
	return {
		displayName,
		name: 'specifyBody',
		type: 'options',
		default: 'fields',
		options: [
			option('Using Fields Below', 'fields', descriptions.fields),
			option('Using JSON', 'json', descriptions.json),
		],
	};
}
