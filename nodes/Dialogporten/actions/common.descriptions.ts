import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RETURN_ALL_CAP } from '../transport';

import {
	ACTIVITY_TYPES,
	DIALOG_STATUSES,
	DIALOG_STATUS_INPUTS,
	SYSTEM_LABELS,
	TRANSMISSION_TYPES,
} from '../helpers/validation';
import { UUID_PATTERN } from '../helpers/uuid';
import { alphabetically } from '../helpers/sort';

/** Splits PascalCase enum values into readable option names. */
export function enumOptions(
	values: readonly string[],
	descriptions: Record<string, string> = {},
): INodePropertyOptions[] {
	return values
		.map((value) => ({
			name: value.replace(/([a-z])([A-Z])/g, '$1 $2'),
			value,
			...(descriptions[value] ? { description: descriptions[value] } : {}),
		}))
		.sort((a, b) => alphabetically(a.name, b.name));
}

export const dialogStatusOptions = enumOptions(DIALOG_STATUSES);
export const dialogStatusInputOptions = enumOptions(DIALOG_STATUS_INPUTS, {
	New: 'Legacy value, stored as In Progress',
	Sent: 'Legacy value, stored as Awaiting',
});
export const systemLabelOptions = enumOptions(SYSTEM_LABELS, {
	Default: 'The inbox (neither archived nor in the bin)',
	Bin: 'Moved to the bin',
	Archive: 'Archived',
	MarkedAsUnopened: 'Marked as unopened by the user',
	Sent: 'Sent by the user',
});
export const activityTypeOptions = enumOptions(ACTIVITY_TYPES);
export const transmissionTypeOptions = enumOptions(TRANSMISSION_TYPES);

export const languageOptions: INodePropertyOptions[] = [
	{ name: 'English', value: 'en' },
	{ name: 'Norwegian Bokmål', value: 'nb' },
	{ name: 'Norwegian Nynorsk', value: 'nn' },
];

export const dialogRLC: INodeProperties = {
	displayName: 'Dialog',
	name: 'dialogId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The dialog: pick it from a search, or give its ID (a UUID) or a URL that contains it',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a dialog...',
			typeOptions: { searchListMethod: 'searchDialogs', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 01913cd5-784f-7d3b-abef-4c77b1f0972d',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^\\s*${UUID_PATTERN}\\s*$`,
						errorMessage: 'Not a dialog ID (a UUID)',
					},
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder:
				'e.g. https://platform.altinn.no/dialogporten/api/v1/enduser/dialogs/01913cd5-784f-7d3b-abef-4c77b1f0972d',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^https?://.*${UUID_PATTERN}.*`,
						errorMessage: 'Not a URL that contains a dialog ID',
					},
				},
			],
		},
	],
};

export const partyRLC: INodeProperties = {
	displayName: 'Party',
	name: 'party',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The person or organization (party) the dialog belongs to, as a URN such as urn:altinn:organization:identifier-no:912345678',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a party...',
			typeOptions: { searchListMethod: 'searchParties', searchable: true },
		},
		{
			displayName: 'By URN',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. urn:altinn:organization:identifier-no:912345678',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^urn:altinn:(person|organization):.+',
						errorMessage:
							'Not a party URN (urn:altinn:organization:identifier-no:… or urn:altinn:person:identifier-no:…)',
					},
				},
			],
		},
		{
			displayName: 'By Number',
			name: 'number',
			type: 'string',
			placeholder: 'e.g. 912345678 (organization) or 01125512345 (person)',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*(\\d{9}|\\d{11})\\s*$',
						errorMessage:
							'Enter a 9-digit organization number or an 11-digit national identity number',
					},
				},
			],
		},
	],
};

/** If-Match choice for writes; `what` names the revision that is compared. */
export function revisionFields(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Revision Check',
			name: 'ifMatch',
			type: 'options',
			default: 'none',
			description: `Whether to send If-Match with the ${what}, so the change only applies if nobody changed it in between (otherwise Dialogporten answers 412 and changes nothing)`,
			options: [
				{
					name: "Don't Check",
					value: 'none',
					description: 'Apply the change whatever the current revision (last writer wins)',
				},
				{
					name: 'Latest (Read First)',
					value: 'latest',
					description: `Read the dialog first and send its current ${what}`,
				},
				{
					name: 'Specific Revision',
					value: 'revision',
					description: `Send the ${what} you give, e.g. the revision output of an earlier step`,
				},
			],
		},
		{
			displayName: 'Revision',
			name: 'revision',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. a312cb9c-7632-43c2-aa38-69b06aed56ca',
			description: `The expected ${what} (a UUID)`,
			displayOptions: { show: { ifMatch: ['revision'] } },
		},
	];
}

export const simplifyFields: INodeProperties[] = [
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to replace every list of translations with the text in one language (plain strings); turn off for the raw API response',
	},
	{
		displayName: 'Output Language',
		name: 'outputLanguage',
		type: 'options',
		default: 'nb',
		options: languageOptions,
		description:
			'Language of simplified texts; falls back to Norwegian Bokmål, Nynorsk, then English',
		displayOptions: { show: { simplify: [true] } },
	},
];

/** The Limit a Return All switch hides. */
export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	default: 50,
	typeOptions: { minValue: 1 },
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	limitField,
	{
		displayName: 'Return All Cap',
		name: 'returnAllCap',
		type: 'number',
		default: RETURN_ALL_CAP,
		typeOptions: { minValue: 1 },
		description:
			'The most items Return All reads (it holds them in memory until it outputs them). If Dialogporten still has more at this point, the node fails, or outputs these with a warning (see When the Cap Is Reached).',
		displayOptions: { show: { returnAll: [true] } },
	},
	{
		displayName: 'When the Cap Is Reached',
		name: 'whenCapReached',
		type: 'options',
		default: 'error',
		options: [
			{
				name: 'Fail With an Error',
				value: 'error',
				description: 'Output nothing; the error says how many items were read',
			},
			{
				name: 'Output the Items Read',
				value: 'output',
				description: 'Output the items up to the cap, with a warning that there are more',
			},
		],
		displayOptions: { show: { returnAll: [true] } },
	},
];

/** Whether a list is output as one item per entry (`perEntry`) or as one item holding all of it. */
export function listOutputField(perEntry: string, entry: string, entries: string): INodeProperties {
	return {
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: perEntry,
		options: [
			{ name: `One Item per ${entry}`, value: perEntry },
			{ name: `One Item With All ${entries}`, value: 'single' },
		],
	};
}
